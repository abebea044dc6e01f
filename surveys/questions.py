"""A question of an Abfrage as the rest of the app sees it: its block's value with the block's
behaviour (surveys.blocks) and the StreamField id that answers are kept under. The id stays
when moderators reword or reorder questions, so answers stay with their question."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    block: object
    value: object

    @classmethod
    def from_stream(cls, stream):
        return [cls(child.id, child.block_type, child.block, child.value) for child in stream]

    @property
    def label(self):
        return self.value["question"]

    @property
    def public(self):
        return bool(self.value["public"])

    @property
    def chartable(self):
        return self.block.chartable

    @property
    def options(self):
        return self.block.options(self.value)

    def form_field(self, city=None):
        """The field in the answer form of `city` (None: the question as such)."""
        if city is None:
            return self.block.form_field(self.value)
        return self.block.field_for(self.value, city)

    def to_stored(self, cleaned):
        return self.block.to_stored(cleaned)

    def to_initial(self, stored):
        return self.block.to_initial(stored)

    def as_text(self, stored):
        return self.block.as_text(self.value, stored)

    def sort_key(self, stored):
        return self.block.sort_key(self.value, stored)

    def chosen(self, stored):
        return self.block.chosen(self.value, stored)
