"""A text progress bar for long management commands: redrawn in place on a terminal, one line
per tenth when the output is a log (CI, cron)."""


class Progress:
    def __init__(self, out, label, total):
        self.out, self.label, self.total, self.count = out, label, max(total, 1), 0
        self.tty = hasattr(out, "isatty") and out.isatty()
        self.shown = -1

    def __call__(self):
        self.count += 1
        percent = self.count * 100 // self.total
        if percent != self.shown and (self.tty or percent % 10 == 0):
            self.shown = percent
            bar = "#" * (percent // 5)
            end = "\r" if self.tty and self.count < self.total else "\n"
            self.out.write(
                f"  {self.label:<10} [{bar:<20}] {percent:3d}% ({self.count}/{self.total}){end}"
            )
            self.out.flush()
