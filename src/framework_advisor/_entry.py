"""The console script. One-shot commands run with the cyclic garbage collector off: they
create few cycles and exit within a second, and collecting during start-up costs more than
`recommend` itself. The app and the server switch it back on (tui.launch, tui.serve).

`recommend` in its plain forms runs without click (``cli_fast``); everything else through
click's group."""

from __future__ import annotations

import gc
import sys


def main() -> None:
    gc.disable()
    args = sys.argv[1:]
    if args[:1] == ["recommend"]:
        from framework_advisor import cli_fast

        request = cli_fast.parse(args[1:])
        if request is not None:
            sys.exit(cli_fast.run(request))
    from framework_advisor.cli import main as cli_main

    cli_main()
