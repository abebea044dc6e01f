"""What management commands print: German for the operators who run them (plain German strings,
not gettext – an operator's shell and cron logs should read the same whatever language the site
is configured in), with counts in singular or plural and no Python object reprs."""

import re

# `<urllib3.connection.HTTPConnection object at 0x7f…>`, as exceptions of network libraries
# carry them in their text.
OBJECT_REPR = re.compile(r"<[^<>]*? object at 0x[0-9a-fA-F]+>")


def counted(number, one, many):
    """`counted(1, "Zeile", "Zeilen")` → „1 Zeile“, `counted(2, …)` → „2 Zeilen“."""
    return f"{number} {one if number == 1 else many}"


def readable(error):
    """An exception's text for an operator: without object reprs."""
    text = OBJECT_REPR.sub("", str(error)).replace("(: ", "(")
    return " ".join(text.split()) or type(error).__name__
