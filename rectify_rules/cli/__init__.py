"""The ``rectify-rules`` command line. ``main(argv)`` returns the exit code.

Exit codes: 0 no finding at or above the fail level, 1 findings, 2 usage / configuration /
rule-pack / input error. Errors are one line on stderr; ``--debug`` or the environment variable
``RECTIFY_RULES_DEBUG=1`` shows the traceback instead.
"""

from __future__ import annotations

import os
import sys

__all__ = ["main"]

_ONE_LINE_ERRORS = ("CliError", "RuleError", "UnknownCodeError", "InputError", "PluginError")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    debug = "--debug" in args or bool(os.environ.get("RECTIFY_RULES_DEBUG"))
    try:
        if argv is None:  # the program (not a caller's main([...])): this process is ours
            from ..regexcache import install

            install()  # compiled patterns of the last run (the largest part of a cold start)
        from .app import run
        from .outputs import utf8_stdio

        utf8_stdio()

        return run(args)
    except SystemExit as e:  # argparse --version / --help
        return e.code if isinstance(e.code, int) else 0
    except KeyboardInterrupt:
        print("rectify-rules: 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:
        if debug:
            raise
        kind = type(e).__name__
        text = " ".join(str(e).split("\n")).strip()
        if kind in _ONE_LINE_ERRORS:
            line = text if ": error:" in text else f"rectify-rules: error: {text}"
            print(line, file=sys.stderr)
        else:
            print(f"rectify-rules: 内部错误：{kind}: {text}（加 --debug 查看详情）",
                  file=sys.stderr)
        return 2
