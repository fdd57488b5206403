"""The console script. One-shot commands run with the cyclic garbage collector off: they
create few cycles and exit within a second, and collecting during start-up costs more than
`recommend` itself. The app and the server switch it back on (tui.launch, tui.serve)."""

from __future__ import annotations

import gc


def main() -> None:
    gc.disable()
    from framework_advisor.cli import main as cli_main

    cli_main()
