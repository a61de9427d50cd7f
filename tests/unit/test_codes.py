import random

from chalicelib.domain import codes


def test_codes_are_long_random_and_valid() -> None:
    seen = {codes.new_code() for _ in range(2000)}
    assert len(seen) == 2000
    for code in list(seen)[:50]:
        assert len(code) == 14 and codes.is_valid(code)
        assert set(code) <= set(codes.ALPHABET)


def test_alphabet_leaves_out_look_alikes() -> None:
    assert len(codes.ALPHABET) == 31  # prime: what makes MOD 31-2 catch every swap
    assert not set("ILOUZ") & set(codes.ALPHABET)


def test_every_single_error_and_neighbour_swap_is_caught() -> None:
    rng = random.Random(7)
    for _ in range(200):
        body = "".join(rng.choice(codes.ALPHABET) for _ in range(13))
        code = body + codes.check_char(body)
        for i, original in enumerate(code):
            for other in codes.ALPHABET:
                if other != original:
                    assert not codes.is_valid(code[:i] + other + code[i + 1 :])
            if i + 1 < len(code) and original != code[i + 1]:
                assert not codes.is_valid(code[:i] + code[i + 1] + original + code[i + 2 :])


def test_reading_back_is_forgiving() -> None:
    code = codes.new_code()
    spoken = codes.display(code).lower().replace("0", "o").replace("1", "l")
    assert codes.normalise(spoken) == code and codes.is_valid(spoken)
