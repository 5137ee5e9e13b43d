"""rectify-rules: check Chinese 巡察/巡视整改进展情况通报 and 整改报告."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "parse", "check", "load_rules", "InputError"]


def __getattr__(name: str):  # lazy: keep `import rectify_rules` cheap for the CLI
    if name == "parse":
        from .parsing import parse
        return parse
    if name == "InputError":
        from .read import InputError
        return InputError
    if name in ("check", "load_rules"):
        from . import engine
        return getattr(engine, name)
    raise AttributeError(name)
