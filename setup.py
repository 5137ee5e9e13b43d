"""Packaging glue that pyproject.toml alone cannot say: the top-level ``rules/`` folder (the
built-in rule pack) ships inside the wheel as ``rectify_rules/builtin_rules``."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["rectify_rules", "rectify_rules.*"])
    + ["rectify_rules.builtin_rules"],
    package_dir={"rectify_rules.builtin_rules": "rules"},
    package_data={
        "rectify_rules": ["data/*"],
        "rectify_rules.builtin_rules": ["*.toml", "*.md", "*/*.toml", "*/*.md"],
    },
)
