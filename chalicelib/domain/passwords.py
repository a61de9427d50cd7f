"""The password policy for officials (decision 42): length, then zxcvbn's guess estimate, refusing
the username, the office id, the published demo password and common passwords, each problem named
in English and Bengali.

zxcvbn (Dropbox's estimator; ~40 ms to import) is imported inside `problems`, so API cold starts
that set no password never pay for it.
"""

from __future__ import annotations

import unicodedata

from chalicelib.domain.errors import FieldError

MIN_LENGTH = 12
MAX_LENGTH = 128  # argon2 hashes anything, but a megabyte "password" is only a way to burn CPU
MIN_SCORE = 3  # zxcvbn: 3 = "safely unguessable: moderate protection from offline slow-hash attacks"
# Published with the demo data (local/demo.py, README): known to everyone who read them.
PUBLISHED = ("sonod-demo-2026",)

# zxcvbn's warnings (English only) in Bengali; an unknown one falls back to a general message.
WARNINGS_BN = {
    "Straight rows of keys are easy to guess.": "কীবোর্ডের সোজা সারি সহজে অনুমান করা যায়।",
    "Short keyboard patterns are easy to guess.": "কীবোর্ডের ছোট নকশা সহজে অনুমান করা যায়।",
    'Repeats like "aaa" are easy to guess.': '"aaa" এর মতো পুনরাবৃত্তি সহজে অনুমান করা যায়।',
    'Repeats like "abcabcabc" are only slightly harder to guess than "abc".': (
        '"abcabcabc" এর মতো পুনরাবৃত্তি "abc" এর চেয়ে সামান্যই কঠিন।'
    ),
    'Sequences like "abc" or "6543" are easy to guess.': '"abc" বা "৬৫৪৩" এর মতো ক্রম সহজে অনুমান করা যায়।',
    "Recent years are easy to guess.": "সাম্প্রতিক সাল সহজে অনুমান করা যায়।",
    "Dates are often easy to guess.": "তারিখ প্রায়ই সহজে অনুমান করা যায়।",
    "This is a top-10 common password.": "এটি সবচেয়ে প্রচলিত ১০টি পাসওয়ার্ডের একটি।",
    "This is a top-100 common password.": "এটি সবচেয়ে প্রচলিত ১০০টি পাসওয়ার্ডের একটি।",
    "This is a very common password.": "এটি খুব প্রচলিত একটি পাসওয়ার্ড।",
    "This is similar to a commonly used password.": "এটি একটি প্রচলিত পাসওয়ার্ডের মতো।",
    "A word by itself is easy to guess.": "একটি মাত্র শব্দ সহজে অনুমান করা যায়।",
    "Names and surnames by themselves are easy to guess.": "শুধু নাম বা পদবি সহজে অনুমান করা যায়।",
    "Common names and surnames are easy to guess.": "প্রচলিত নাম ও পদবি সহজে অনুমান করা যায়।",
}
WEAK = "too easy to guess: use four or more unrelated words"
WEAK_BN = "পাসওয়ার্ডটি সহজে অনুমান করা যায়: চার বা ততোধিক অসম্পর্কিত শব্দ ব্যবহার করুন"


def _folded(text: str) -> str:
    """Letters and digits only, case-folded: 'Union-1.Secretary' and 'union1secretary' are one."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


def problems(password: object, username: str = "", office_id: str = "", field: str = "password") -> list[FieldError]:
    """What is wrong with `password` for this account (empty when it is acceptable)."""
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        return [FieldError(field, f"at least {MIN_LENGTH} characters", "পাসওয়ার্ড অন্তত ১২ অক্ষর")]
    if len(password) > MAX_LENGTH:
        return [FieldError(field, f"at most {MAX_LENGTH} characters", "পাসওয়ার্ড সর্বোচ্চ ১২৮ অক্ষর")]
    folded = _folded(password)
    for name, known, bn in (
        ("the username", username, "ব্যবহারকারী নাম"),
        ("the office id", office_id, "অফিসের আইডি"),
        *(("the published demo password", p, "প্রকাশিত ডেমো পাসওয়ার্ড") for p in PUBLISHED),
    ):
        if known and _folded(known) and _folded(known) in folded:
            return [FieldError(field, f"must not contain {name}", f"পাসওয়ার্ডে {bn} রাখা যাবে না")]
    from zxcvbn import zxcvbn

    result = zxcvbn(password[:MAX_LENGTH], user_inputs=[u for u in (username, office_id, *PUBLISHED) if u])
    if int(result["score"]) >= MIN_SCORE:
        return []
    warning = str(result["feedback"].get("warning") or "")
    english = f"{WEAK} ({warning})" if warning else WEAK
    bengali = f"{WEAK_BN} ({WARNINGS_BN[warning]})" if warning in WARNINGS_BN else WEAK_BN
    return [FieldError(field, english, bengali)]
