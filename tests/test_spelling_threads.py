"""Two workers checking spelling at once must not crash the process.

The window checks words on two worker threads (the spelling layer's and proofreading's
underlines). Hunspell is not thread-safe and Enchant's broker hands both the same
Dict for a tag, so two checks at once crashed the whole process (a segfault seen in the
suite, and in 8 of 8 runs of this script under load; on a quiet machine it crashes only
sometimes, so passing once proves less than failing does). The run is in a child
process, so a crash fails this test instead of ending the suite.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from studio.spelling.dictionary import open_dictionary

CHILD = textwrap.dedent(
    """
    import random
    import threading

    from studio.spelling.dictionary import open_dictionary

    words = ["harbour", "lantern", "wierd", "recieve", "Maren", "tide", "teh", "colour"]

    def hammer(seed: int) -> None:
        dictionary = open_dictionary("en_US")  # a second handle on the same Dict
        rng = random.Random(seed)
        for i in range(20000):
            word = rng.choice(words) + rng.choice(["", "s", "ed", "ing", "ly"])
            if i % 1000 == 0:
                dictionary.suggest(word)
            else:
                dictionary.check(word)

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print("ok")
    """
)


def test_checks_from_several_threads_at_once_do_not_crash() -> None:
    if not open_dictionary("en_US").available:
        pytest.skip("no en_US dictionary installed (hunspell-en-us)")
    result = subprocess.run(
        [sys.executable, "-c", CHILD], check=False, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
