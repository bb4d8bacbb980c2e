#!/usr/bin/env python3
"""An independent implementation of docs/lottery.md, written from the page
alone, used to compute the known answers in lottery_draw_test.cc. Run it to see
them: python3 tests/domain/lottery_reference.py"""
import datetime
import hashlib

EPOCH = datetime.date(1970, 1, 1)


def days(iso):
    return (datetime.date.fromisoformat(iso) - EPOCH).days


class Stream:
    def __init__(self, seed):
        self.seed, self.i, self.words = seed, 0, []

    def next(self):
        if not self.words:
            d = hashlib.sha256(self.seed + self.i.to_bytes(8, "big")).digest()
            self.words = [int.from_bytes(d[k:k + 8], "big") for k in range(0, 32, 8)]
            self.i += 1
        return self.words.pop(0)

    def uniform(self, n):
        limit = n * ((2**64 - 1) // n)
        while True:
            x = self.next()
            if x < limit:
                return x % n


def draw(seed, algorithm, applications, held, tiers, facilities):
    """applications: list of dicts in log order; held: {(fac, day, style): n};
    facilities: {fac: [(style, capacity), ...]} in the facility's order."""
    order = []
    for a in applications:
        if a["applicant"] not in order:
            order.append(a["applicant"])
    order.sort(key=lambda x: tiers.get(x, 0))  # Python's sort is stable
    rng = Stream(seed)
    begin = 0
    while begin < len(order):
        end = begin
        while end < len(order) and tiers.get(order[end], 0) == tiers.get(order[begin], 0):
            end += 1
        for i in range(end - begin - 1, 0, -1):
            j = rng.uniform(i + 1)
            order[begin + i], order[begin + j] = order[begin + j], order[begin + i]
        begin = end
    held = dict(held)

    def fitting(a):
        best, best_left = None, 0
        for style, capacity in facilities[a["facility"]]:
            if a["wish"] not in ("any", style) or capacity < a["people"]:
                continue
            left = min(held.get((a["facility"], a["check_in"] + n, style), 0) for n in range(a["nights"]))
            if left > best_left:
                best, best_left = style, left
        return best

    wins, won = [], set()

    def try_win(a):
        style = fitting(a)
        if style is None:
            return False
        for n in range(a["nights"]):
            held[(a["facility"], a["check_in"] + n, style)] -= 1
        wins.append((a["id"], style))
        won.add(a["applicant"])
        return True

    def wishes(applicant):
        mine = [a for a in applications if a["applicant"] == applicant]
        return sorted(mine, key=lambda a: a["preference"])  # stable: log order on ties

    if algorithm == "serial_dictatorship":
        for applicant in order:
            for a in wishes(applicant):
                if try_win(a):
                    break
    else:
        rounds = max(a["preference"] for a in applications)
        for k in range(1, rounds + 1):
            for applicant in order:
                if applicant in won:
                    continue
                for a in wishes(applicant):
                    if a["preference"] == k and try_win(a):
                        break
    return order, wins


def scenario():
    seed = hashlib.sha256(b"secret-0123" + bytes([0x11] * 32)).digest()
    facilities = {"minato-so": [("japanese", 5), ("western", 2)], "seaside": [("standard", 4)]}
    d5, d6 = days("2027-03-05"), days("2027-03-06")
    held = {("minato-so", d5, "japanese"): 2, ("minato-so", d5, "western"): 1,
            ("minato-so", d6, "japanese"): 1, ("minato-so", d6, "western"): 1,
            ("seaside", d5, "standard"): 1}
    apps = []

    def app(i, who, pref, fac, day, nights=1, people=2, wish="any"):
        apps.append(dict(id=i, applicant=who, preference=pref, facility=fac,
                         check_in=day, nights=nights, people=people, wish=wish))

    app("a1", "A", 1, "minato-so", d5, 2, 2)
    app("a2", "A", 2, "seaside", d5)
    app("b1", "B", 1, "minato-so", d5, 1, 2, "western")
    app("c1", "C", 1, "seaside", d5)
    app("c2", "C", 2, "minato-so", d6)
    app("d2", "D", 2, "minato-so", d5)
    app("d1", "D", 1, "seaside", d5)
    app("e1", "E", 1, "minato-so", d5, 1, 4)
    app("f1", "F", 1, "minato-so", d6, 1, 2, "japanese")
    app("g1", "G", 1, "minato-so", d5, 2, 3)
    app("h1", "H", 1, "seaside", d5)
    tiers = {"H": 1, "G": 1}
    return seed, apps, held, tiers, facilities


if __name__ == "__main__":
    seed, apps, held, tiers, facilities = scenario()
    rng = Stream(seed)
    print("seed", seed.hex())
    print("words", [hex(rng.next()) for _ in range(5)])
    rng = Stream(seed)
    print("uniform(10) x12", [rng.uniform(10) for _ in range(12)])
    for algorithm in ("serial_dictatorship", "preference_rounds"):
        order, wins = draw(seed, algorithm, apps, held, tiers, facilities)
        print(algorithm, "order", order)
        print(algorithm, "wins", wins)
