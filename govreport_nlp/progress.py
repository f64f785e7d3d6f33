"""Progress of a corpus run on stderr: a tqdm bar on a terminal, plain lines in a log.

On a terminal the bar shows records, characters, the rate and an ETA (from the
input bytes read against the total). Where stderr is not a terminal (a log
file, a pipe, CI) no ``\\r`` is ever written: a plain line every ``every``
seconds instead, so a short run prints nothing.
"""

from __future__ import annotations

import sys
import time
from typing import Optional, TextIO


def _human(n: float) -> str:
    for unit in ("", "k", "M", "G"):
        if abs(n) < 1000:
            return f"{n:.0f}{unit}" if unit == "" else f"{n:.1f}{unit}"
        n /= 1000
    return f"{n:.1f}T"


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class Progress:
    """Counts records, characters and input bytes; shows them on ``stream``.

    total_bytes: the size of the inputs (for the ETA; None when unknown, e.g. stdin).
    every: seconds between plain lines when ``stream`` is not a terminal (0: never).
    bar_threshold: on a terminal, show the bar only for inputs above this many bytes.
    """

    def __init__(
        self,
        *,
        total_bytes: Optional[int],
        stream: Optional[TextIO] = None,
        every: float = 30.0,
        bar_threshold: int = 200_000,
        enabled: bool = True,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total_bytes or None
        self.every = every
        self.records = 0
        self.chars = 0
        self.bytes = 0
        self.start = time.monotonic()
        self._last = self.start
        self._bar = None
        isatty = getattr(self.stream, "isatty", None)
        self.tty = bool(isatty and isatty())
        self.enabled = enabled and every > 0 if not self.tty else enabled
        if self.enabled and self.tty and (self.total or 0) > bar_threshold:
            from tqdm import tqdm

            self._bar = tqdm(
                total=self.total,
                unit="B",
                unit_scale=True,
                file=self.stream,
                desc="reports",
                dynamic_ncols=True,
                mininterval=0.5,
            )

    def update(self, records: int, chars: int, nbytes: int) -> None:
        """Count ``records`` more records of ``chars`` characters and ``nbytes`` input bytes."""
        self.records += records
        self.chars += chars
        self.bytes += nbytes
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.set_postfix_str(f"{self.records:,} records, {_human(self.chars)} chars", refresh=False)
            self._bar.update(nbytes)
            return
        now = time.monotonic()
        if not self.tty and now - self._last >= self.every:
            self._last = now
            self.stream.write(self.line(now) + "\n")
            self.stream.flush()

    def line(self, now: Optional[float] = None) -> str:
        """The plain progress line: records, characters, rates and ETA."""
        elapsed = max((now or time.monotonic()) - self.start, 1e-9)
        text = (
            f"progress: {self.records:,} records, {_human(self.chars)} chars in {_clock(elapsed)} "
            f"({self.records / elapsed:.1f} records/s, {_human(self.chars / elapsed)} chars/s)"
        )
        if self.total and self.bytes:
            left = max(self.total - self.bytes, 0) * elapsed / self.bytes
            text += f", {min(self.bytes / self.total, 1):.0%} of the input, ETA {_clock(left)}"
        return text

    def close(self) -> None:
        """Close the bar (a terminal) or do nothing (plain lines)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
