"""Studio's benchmarks: each measures a speed goal side by side with a reference tool.

Run them all with `python -m benchmarks`, or some with `python -m benchmarks stats check`.
They are not part of the test suite. Set them up with `.venv/bin/pip install -e '.[bench]'`.
"""
