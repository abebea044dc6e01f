"""Load realistic demo data: topics, member cities, projects and one user per role.

Safe to run again: everything is looked up by its natural key (topic name, AGS, project slug
below its city, user name) and only what is missing is created.
"""

import datetime as dt
import json
import os

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from cities.models import CityIndexPage, CityOfficer, CityPage
from core import roles
from core.management.development import DevelopmentCommand
from core.models import MemberProfile
from events.models import BERLIN, AgendaItem, EventIndexPage, EventPage, Registration
from follow.models import Subscription
from home.demo.cities import CITIES, TOPICS
from home.demo.events import GUETERSLOH_MEETING, RELATIVE_MEETINGS
from home.demo.interest import INTEREST, LEFT_CONTACT
from home.demo.legal import LEGAL_PAGES
from home.demo.projects import PROJECTS
from home.demo.solutions import REUSES, SEEKING_ADOPTERS, SOLUTIONS
from home.demo.surveys import BETRIEB, KANAELE, SURVEYS
from home.demo.synonyms import SYNONYMS
from home.models import HomePage
from introductions.models import Introduction
from projects.models import ProjectPage, ProjectPartner, ProjectReuse, Topic
from search.models import SynonymGroup
from solutions.models import SolutionIndexPage, SolutionPage
from surveys.models import Answer, AnswerRevision, SurveyIndexPage, SurveyPage

DEMO_PASSWORD_ENV = "DEMO_PASSWORD"
DEFAULT_DEMO_PASSWORD = "kommunal-demo"


def _paragraphs(text):
    return f"<p>{text}</p>" if text else ""


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def _appointment_answer(city, row):
    system, operation, since, satisfaction, online, channels, project_slug = row
    data = {
        "system": system,
        "betrieb": BETRIEB[operation],
        "seit": since,
        "zufriedenheit": satisfaction,
        "online": online,
        "kanaele": [KANAELE[n] for n in channels],
        "kontakt": "Team Bürgerservice, erreichbar über die Seite der Stadt",
    }
    # One of the city's own projects, as its answer form offers (surveys.blocks).
    own = ProjectPage.objects.for_city(city)
    project = own.filter(slug=project_slug).first() if project_slug else None
    if project is not None:
        data["projekt"] = {"id": project.pk, "title": project.title}
    return data


class Command(DevelopmentCommand):
    help = "Lädt Demodaten: Themen, Städte, Projekte, Termine und Benutzer (mehrfach ausführbar)."

    def handle(self, *args, **options):
        self.created = 0
        with transaction.atomic():
            topics = self.load_topics()
            cities = self.load_cities()
            solutions = self.load_solutions(cities)
            self.load_projects(cities, topics, solutions)
            users = self.load_users(cities)
            self.load_reuses(users)
            self.load_interest(users)
            self.load_events(cities, users)
            self.load_synonyms()
            self.load_legal_pages()
            self.load_surveys(cities, users)
        done = f"Demodaten bereit ({self.created} Objekte neu angelegt)."
        self.stdout.write(self.style.SUCCESS(done))

    def progress(self, step, total, label, created):
        state = "neu" if created else "vorhanden"
        self.stdout.write(f"  [{step:>2}/{total}] {label} ({state})")
        self.created += int(created)

    def load_synonyms(self):
        self.stdout.write("Synonyme")
        for step, (terms, note) in enumerate(SYNONYMS, start=1):
            _group, created = SynonymGroup.objects.get_or_create(
                terms=terms, defaults={"note": note}
            )
            self.progress(step, len(SYNONYMS), terms.split(",")[0], created)

    def load_legal_pages(self):
        """Imprint, privacy policy, contact, accessibility statement and Leichte Sprache with
        marked placeholder texts. A page that exists (by its address below the home page) is
        the operator's and stays as it is."""
        self.stdout.write("Pflichtseiten")
        home = HomePage.objects.get()
        created_pages = []
        for step, (model, title, slug, fields) in enumerate(LEGAL_PAGES, start=1):
            created = not home.get_children().filter(slug=slug).exists()
            if created:
                page = model(title=title, slug=slug, live=False)
                home.add_child(instance=page)
                home.refresh_from_db()
                created_pages.append((page, fields))
            self.progress(step, len(LEGAL_PAGES), title, created)
        # Texts are filled in once all pages exist, so that they can link to each other.
        siblings = dict(home.get_children().values_list("slug", "pk"))

        def link(slug, text):
            if slug not in siblings:
                return escape(text)
            return f'<a linktype="page" id="{siblings[slug]}">{escape(text)}</a>'

        for page, fields in created_pages:
            for name, value in fields(link).items():
                setattr(page, name, value)
            page.save_revision().publish()

    def load_surveys(self, cities, users):
        """`/abfragen/` with a closed and an open Abfrage. Answers are written as the cities'
        editors would have; a survey that exists keeps its answers as they are."""
        self.stdout.write("Abfragen")
        home = HomePage.objects.get()
        index = SurveyIndexPage.objects.first()
        if index is None:
            index = home.add_child(instance=SurveyIndexPage(title="Abfragen", slug="abfragen"))
            index.save_revision().publish()
        today = timezone.localdate()
        editors = {"guetersloh": users["redaktion-guetersloh"], "koeln": users["redaktion-koeln"]}
        for step, data in enumerate(SURVEYS, start=1):
            survey = SurveyPage.objects.child_of(index).filter(slug=data["slug"]).first()
            created = survey is None
            if created:
                deadline = dt.datetime.combine(
                    today + dt.timedelta(days=data["deadline_days"]), dt.time(23, 59), BERLIN
                )
                survey = SurveyPage(
                    title=data["title"],
                    slug=data["slug"],
                    purpose=_paragraphs(data["purpose"]),
                    deadline=deadline,
                    questions=json.dumps(data["questions"]),
                )
                index.add_child(instance=survey)
                survey.save_revision().publish()
                index.refresh_from_db()
                answered = deadline - dt.timedelta(days=10)
                for slug, answer in data["answers"].items():
                    values = (
                        _appointment_answer(cities[slug], answer)
                        if isinstance(answer, tuple)
                        else answer
                    )
                    row = Answer.objects.create(
                        survey=survey,
                        city=cities[slug],
                        data=values,
                        updated_by=editors.get(slug),
                        created_at=answered,
                        updated_at=answered,
                    )
                    AnswerRevision.objects.create(
                        answer=row,
                        version=1,
                        data=values,
                        changed_by=editors.get(slug),
                        changed_at=answered,
                    )
            self.progress(step, len(SURVEYS), data["title"], created)

    def load_topics(self):
        self.stdout.write("Themen")
        topics = {}
        for step, (name, description) in enumerate(TOPICS, start=1):
            topic, created = Topic.objects.get_or_create(
                name=name, defaults={"description": description}
            )
            topics[name] = topic
            self.progress(step, len(TOPICS), name, created)
        return topics

    def load_cities(self):
        self.stdout.write("Städte")
        index = CityIndexPage.objects.get()
        cities = {}
        for step, row in enumerate(CITIES, start=1):
            (
                title,
                slug,
                ags,
                district,
                region,
                population,
                lat,
                lon,
                website,
                open_data,
                strategy,
                officer,
            ) = row
            city = CityPage.objects.filter(ags=ags).first()
            created = city is None
            if created:
                city = CityPage(
                    title=title,
                    slug=slug,
                    ags=ags,
                    district=district,
                    region=region,
                    population=population,
                    latitude=lat,
                    longitude=lon,
                    website=website,
                    open_data_url=open_data,
                    strategy=_paragraphs(strategy),
                    role_mailbox=f"digitalisierung@{slug}.example",
                )
                name, role, email, phone = officer
                city.officers = [CityOfficer(name=name, role=role, email=email, phone=phone)]
                index.add_child(instance=city)
                city.save_revision().publish()
                city.refresh_from_db()  # publishing gave it its editor group and collection
                index.refresh_from_db()
            cities[slug] = city
            self.progress(step, len(CITIES), title, created)
        return cities

    def load_solutions(self, cities):
        """Solutions below `/loesungen/`, by slug; returns {"city/project": [solutions]}."""
        self.stdout.write("Lösungen")
        index = SolutionIndexPage.objects.get()
        used = {}
        for step, data in enumerate(SOLUTIONS, start=1):
            solution = SolutionPage.objects.child_of(index).filter(slug=data["slug"]).first()
            created = solution is None
            if created:
                solution = SolutionPage(
                    title=data["title"],
                    slug=data["slug"],
                    kind=data["kind"],
                    description=data["description"],
                    provider=data.get("provider", ""),
                    origin_city=cities.get(data.get("origin")),
                    licence_kind=data["licence_kind"],
                    licence=data.get("licence", ""),
                    repository_url=data.get("repository", ""),
                    is_efa=data.get("is_efa", False),
                )
                index.add_child(instance=solution)
                solution.save_revision().publish()
                index.refresh_from_db()
            for name in data["used_by"]:
                used.setdefault(name, []).append(solution)
            self.progress(step, len(SOLUTIONS), data["title"], created)
        return used

    def load_projects(self, cities, topics, solutions):
        self.stdout.write("Projekte")
        for step, data in enumerate(PROJECTS, start=1):
            city = cities[data["city"]]
            key = f"{data['city']}/{data['slug']}"
            project = ProjectPage.objects.child_of(city).filter(slug=data["slug"]).first()
            created = project is None
            if created:
                project = self.build_project(data, cities)
                project.seeks_adopters = key in SEEKING_ADOPTERS
                city.add_child(instance=project)
                project.topics.set([topics[name] for name in data["topics"]])
                project.tags.set(data["tags"])
                project.solutions.set(solutions.get(key, []))
                project.save_revision().publish()
                # Spread publication dates so that "newest" means something in the demo.
                published = timezone.make_aware(
                    dt.datetime.combine(_date(data.get("golive") or data["start"]), dt.time(9))
                )
                ProjectPage.objects.filter(pk=project.pk).update(
                    first_published_at=published, last_published_at=published
                )
                if data.get("stale"):
                    # Not confirmed for two years: „möglicherweise veraltet“ in the demo.
                    ProjectPage.objects.filter(pk=project.pk).update(
                        confirmed_at=timezone.now() - dt.timedelta(days=730)
                    )
            else:
                self.add_solutions(project, solutions.get(key, []))
            self.progress(step, len(PROJECTS), f"{city.title}: {data['title']}", created)

    def add_solutions(self, project, solutions):
        """A database loaded before solutions existed: its projects get theirs in a new
        revision, as an editor would add them (so that the next edit keeps them)."""
        missing = set(solutions) - set(project.solutions.all())
        if missing:
            project = project.get_latest_revision_as_object()
            project.solutions.add(*missing)
            project.save_revision().publish()

    def load_reuses(self, users):
        """Reuse between the demo projects, by the pair of projects; confirmed by the other
        side's editors unless the example is a request."""
        self.stdout.write("Nachnutzung")
        moderator = users.get("moderation")

        def project(name):
            city, slug = name.split("/")
            return ProjectPage.objects.get(lead_city__slug=city, slug=slug)

        for step, data in enumerate(REUSES, start=1):
            adopter, origin = project(data["adopter"]), project(data["origin"])
            confirmed = data.get("confirmed", True)
            _reuse, created = ProjectReuse.objects.get_or_create(
                adopter=adopter,
                origin=origin,
                defaults={
                    "way": data["way"],
                    "status": data["status"],
                    "since": _date(data.get("since")),
                    "effort_person_days": data.get("effort"),
                    "cost_range": data.get("cost", ""),
                    "helped": data.get("helped", ""),
                    "missing": data.get("missing", ""),
                    "proposed_by_city": adopter.lead_city,
                    "confirmed_by": moderator if confirmed else None,
                    "confirmed_at": timezone.now() if confirmed else None,
                },
            )
            self.progress(step, len(REUSES), f"{adopter.title} ← {origin.title}", created)

    def build_project(self, data, cities):
        mode, licence, repository, reuse_contact = data.get("reuse", ("", "", "", ""))
        name, role, email, phone = data.get("contact", ("", "", "", ""))
        ethics = data.get("ethics") or {}
        project = ProjectPage(
            title=data["title"],
            slug=data["slug"],
            teaser=data["teaser"],
            challenge=_paragraphs(data["challenge"]),
            solution=[("paragraph", _paragraphs(data["solution"]))],
            results=_paragraphs(data.get("results", "")),
            lessons_learned=_paragraphs(data.get("lessons", "")),
            status=data["status"],
            start_date=_date(data.get("start")),
            go_live_date=_date(data.get("golive")),
            reuse_mode=mode,
            licence=licence,
            repository_url=repository,
            reuse_contact=reuse_contact,
            budget_range=data.get("budget", ""),
            funding_programme=data.get("funding", ""),
            contact_name=name,
            contact_role=role,
            contact_email=email,
            contact_phone=phone,
            uses_algorithmic_system=bool(ethics),
            **ethics,
        )
        # Orderables need their position set outside the admin's forms (which set it).
        project.partners = [
            ProjectPartner(city=cities[slug], role=partner_role, note=note, sort_order=position)
            for position, (slug, partner_role, note) in enumerate(data.get("partners", []))
        ]
        return project

    def load_users(self, cities):
        """One account per role, for development only (the README lists them)."""
        self.stdout.write("Benutzer")
        password = os.environ.get(DEMO_PASSWORD_ENV, DEFAULT_DEMO_PASSWORD)
        accounts = [
            ("mitglied", "Maria", "Mitglied", roles.members_group(), "witten"),
            ("moderation", "Max", "Moderation", roles.moderators_group(), "gelsenkirchen"),
            (
                "redaktion-guetersloh",
                "Greta",
                "Gütersloh",
                cities["guetersloh"].editor_group,
                "guetersloh",
            ),
            ("redaktion-koeln", "Karl", "Köln", cities["koeln"].editor_group, "koeln"),
        ]
        User = get_user_model()
        users = {}
        for step, (username, first, last, group, city) in enumerate(accounts, start=1):
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.org",
                },
            )
            if created:
                user.set_password(password)
                user.save()
            user.groups.add(group, roles.members_group())
            MemberProfile.objects.get_or_create(user=user, defaults={"city": cities[city]})
            subscription, new = Subscription.objects.get_or_create(user=user)
            if new:
                # Every demo member follows their own city and one topic, so that
                # `send_digests` has something to show.
                subscription.cities.add(cities[city])
                subscription.topics.add(*Topic.objects.filter(name="Bürgerservice"))
            users[username] = user
            self.progress(step, len(accounts), f"{username} ({group.name})", created)
        return users

    def load_interest(self, users):
        """„Wir arbeiten auch daran“: introductions as members asked for them (no e-mail is
        sent here), so that the project pages, the editors' and the moderators' dashboards
        show interest; and a contact person who has left (account deactivated), whose project
        shows the city's role mailbox."""
        self.stdout.write("Interesse")
        for step, (username, city, slug, kind, message) in enumerate(INTEREST, start=1):
            member = users[username]
            project = ProjectPage.objects.get(lead_city__slug=city, slug=slug)
            _introduction, created = Introduction.objects.get_or_create(
                project=project,
                member=member,
                defaults={
                    "city": member.member_profile.city,
                    "kind": kind,
                    "message": message,
                    "contact_email": project.contact().email,
                },
            )
            self.progress(step, len(INTEREST), f"{username} → {project.title}", created)
        User = get_user_model()
        _user, created = User.objects.get_or_create(
            username=LEFT_CONTACT[0],
            defaults={"email": LEFT_CONTACT[1], "is_active": False},
        )
        self.progress(1, 1, f"{LEFT_CONTACT[0]} (ausgeschieden)", created)

    def load_events(self, cities, users):
        self.stdout.write("Termine")
        index = EventIndexPage.objects.get()
        today = timezone.localdate()
        meetings = [GUETERSLOH_MEETING]
        for data in RELATIVE_MEETINGS:
            day = today + dt.timedelta(days=data["days"])
            start = dt.datetime.combine(day, dt.time(data["hour"]), tzinfo=BERLIN)
            end = start + dt.timedelta(hours=data["hours"])
            deadline = None
            if data.get("deadline_days"):
                deadline = dt.datetime.combine(
                    today + dt.timedelta(days=data["deadline_days"]), dt.time(23, 59), tzinfo=BERLIN
                )
            meetings.append({**data, "start": start, "end": end, "deadline": deadline})
        for step, data in enumerate(meetings, start=1):
            event = EventPage.objects.child_of(index).filter(slug=data["slug"]).first()
            created = event is None
            if created:
                event = self.build_event(data, cities)
                index.add_child(instance=event)
                event.save_revision().publish()
                index.refresh_from_db()
                for username in data.get("attendees", []):
                    Registration.objects.create(
                        event=event,
                        user=users[username],
                        state=Registration.State.CONFIRMED,
                        seat=event.confirmed().count() + 1,
                    )
                for username in data.get("waiting", []):
                    Registration.objects.create(
                        event=event, user=users[username], state=Registration.State.WAITING
                    )
            self.progress(step, len(meetings), data["title"], created)

    def build_event(self, data, cities):
        def when(value):
            if isinstance(value, str):
                return dt.datetime.fromisoformat(value).replace(tzinfo=BERLIN)
            return value

        event = EventPage(
            title=data["title"],
            slug=data["slug"],
            start=when(data["start"]),
            end=when(data["end"]),
            format=data["format"],
            status=data["status"],
            host_city=cities.get(data.get("host")),
            venue_name=data.get("venue_name", ""),
            venue_address=data.get("venue_address", ""),
            online_url=data.get("online_url", ""),
            organisers=data.get("organisers", "Städtetag NRW, Arbeitskreis Digitalisierung"),
            description=_paragraphs(data.get("description", "")),
            minutes=data.get("minutes", ""),
            capacity=data.get("capacity"),
            registration_deadline=data.get("deadline"),
            search_description=data.get("description", "")[:250],
        )
        items = []
        for position, agenda_item in enumerate(data.get("agenda", [])):
            time, title, speakers, speaker_cities, project_slugs = agenda_item
            item = AgendaItem(
                time=dt.time.fromisoformat(time),
                title=title,
                speakers=speakers,
                sort_order=position,
            )
            item.speaker_cities = [cities[slug] for slug in speaker_cities]
            item.projects = list(ProjectPage.objects.filter(slug__in=project_slugs))
            items.append(item)
        event.agenda_items = items
        return event
