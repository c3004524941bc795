"""Benchmarks that print figures. Run all with `make bench` or one with `python -m bench NAME`.

Each module ``bench/bench_<name>.py`` defines ``main() -> None`` that prints its figures
and the targets they are measured against. Tests never time anything; this does.
"""
