"""Demo holdings for `make run`: a few hundred FICTIONAL holdings per demo office (Bengali village
and mahalla names, owners' names, phones in the 0171100xxxx range, floors, some rented), about a
third with one or two years of arrears, written as a CSV in .local/ and brought in through the same
import an office uses (ops/holdings.py). Deterministic (seeded per office), so every run has the
same register. The demo citizen (README: 01711000001) owns holding 1/0001 of pourashava-savar.

Not part of local/demo.load (every integration test calls that): local/stack.py runs it for `make run`.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from chalicelib.domain.revenue.fiscal import fiscal_year_bounds, fiscal_year_of
from chalicelib.domain.revenue.schedule import default_schedule

DEMO_CITIZEN = "01711000001"  # the README's demo citizen: owns a holding in pourashava-savar
FIRST_OWNED = "pourashava-savar"
PER_OFFICE = {"union": 150, "pourashava": 300, "city_corporation": 300}

PLACES = {
    "pourashava-savar": ("ব্যাংক কলোনি", "তালবাগ", "দক্ষিণ দরিয়ারপুর", "মজিদপুর", "আড়াপাড়া", "ছায়াবীথি", "রাজাশন", "জালেশ্বর"),
    "cc-dhaka-north": ("মিরপুর ১০", "পল্লবী", "কাফরুল", "ভাষানটেক", "উত্তর বাড্ডা", "শেওড়াপাড়া", "মধ্য পাইকপাড়া", "কালশী"),
}
VILLAGES = ("পূর্বপাড়া", "পশ্চিমপাড়া", "উত্তরপাড়া", "দক্ষিণপাড়া", "মধ্যপাড়া", "নয়াপাড়া", "বাজারপাড়া", "চরপাড়া")
GIVEN = ("রহিম", "করিম", "সালমা", "নাসির", "ফাতেমা", "জাহানারা", "হাবিব", "রোকেয়া", "আনোয়ার", "শাহানা", "মিজান", "নূরজাহান")
FAMILY = ("উদ্দিন", "হোসেন", "খাতুন", "বেগম", "আলী", "মিয়া", "সরকার", "আক্তার", "ইসলাম", "শেখ")
USES = ("residential", "residential", "residential", "commercial", "mixed")
CLASSES = ("pucca", "pucca", "semi_pucca", "kutcha")


def _owners(rnd: random.Random, phone_at: int) -> tuple[str, str, str]:
    count = rnd.choice((1, 1, 1, 2))
    names = [f"{rnd.choice(GIVEN)} {rnd.choice(FAMILY)}" for _ in range(count)]
    phones = [f"0171100{phone_at:04d}"] + [""] * (count - 1)
    shares = ["" if count == 1 else f"1/{count}"] * count
    return ";".join(names), ";".join(phones), ";".join(shares)


def _floors(rnd: random.Random, use: str) -> str:
    floors = []
    for _ in range(rnd.choice((1, 1, 2, 3))):
        area = rnd.randrange(40, 160, 5)
        floor_use = "commercial" if use == "commercial" else rnd.choice(("residential", use))
        rented = rnd.random() < 0.3
        rent = str(rnd.randrange(30, 250) * 100) if rented else ""
        floors.append(f"{area}:{floor_use}:{'rented' if rented else 'owner'}:{rent}")
    return ";".join(floors)


def _previous(fiscal_year: str) -> str:
    return fiscal_year_of(fiscal_year_bounds(fiscal_year)[0] - timedelta(days=1))


def _arrear(rnd: random.Random, owing: bool) -> str:
    return str(rnd.randrange(2, 40) * 50) if owing else ""  # taka


def rows(
    office_id: str, kind: str, wards: int, count: int, today: date, phones_from: int = 100
) -> tuple[list[str], list[list[str]]]:
    """The office's demo register as CSV (header, rows), its arrears in the last two fiscal years;
    owners' phones 0171100xxxx counting from `phones_from`."""
    rnd = random.Random(office_id)  # noqa: S311 (fictional demo data, the same every run)
    heads = [h.code for h in default_schedule(kind).heads]
    last = _previous(fiscal_year_of(today))
    years = (_previous(last), last)
    header = ["holding_number", "ward", "village", "owner_names", "phones", "nids", "shares", "use", "land_area_sqm"]
    header += ["construction_class", "floors"] + [f"arrears_{fy}_{head}" for fy in years for head in heads]
    places = PLACES.get(office_id, VILLAGES)
    out = []
    for n in range(count):
        ward = 1 + n % wards
        use = rnd.choice(USES)
        names, phones, shares = _owners(rnd, phones_from + n)
        owing = rnd.random() < 0.35 or n == 0
        arrears = [_arrear(rnd, owing and (fy == last or rnd.random() < 0.5)) for fy in years for _ in heads]
        out.append(
            [
                *(f"{ward}/{n // wards + 1:04d}", str(ward), rnd.choice(places), names, phones, "", shares, use),
                *(str(rnd.randrange(60, 400, 10)), rnd.choice(CLASSES), _floors(rnd, use)),
                *arrears,
            ]
        )
    if office_id == FIRST_OWNED:
        first = out[0]
        first[3], first[4], first[6] = "রহিমা খাতুন", DEMO_CITIZEN, ""
    return header, out


def load(offices: list[tuple[str, str, int]], directory: Path, today: date | None = None) -> dict[str, dict[str, int]]:
    """Write each demo office's register to `directory`/holdings-<office>.csv and import it."""
    from ops.holdings import import_file

    directory.mkdir(parents=True, exist_ok=True)
    done = {}
    for i, (office_id, kind, wards) in enumerate(offices):
        count = PER_OFFICE.get(kind, 150)
        header, body = rows(office_id, kind, wards, count, today or date.today(), phones_from=100 + 400 * i)
        path = directory / f"holdings-{office_id}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(body)
        done[office_id] = import_file(office_id, path, report=lambda line: None).counts
    return done
