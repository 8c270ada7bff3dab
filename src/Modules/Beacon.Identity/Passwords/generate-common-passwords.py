#!/usr/bin/env python3
"""Writes common-passwords.txt: about 10,000 guessable passwords of 10+ characters (shorter ones fail the length
rule anyway), generated from the patterns breach corpora are full of (NIST SP 800-63B 3.1.1.2: refuse values known to
be commonly used, expected or compromised). Generated from knowledge, not downloaded; run it again after editing."""
import itertools, pathlib

WORDS = """password passwort motdepasse contrasena qwerty qwertz azerty letmein welcome iloveyou admin administrator
root master login changeme default secret trustno1 dragon monkey shadow sunshine princess football baseball
basketball soccer hockey superman batman spiderman starwars pokemon computer internet freedom whatever
michael jennifer jessica ashley charlie daniel thomas robert matthew jordan hunter harley ranger buster tigger
summer winter spring autumn monday friday january february march april june july august september october november
december chocolate cookie butterfly flower purple orange yellow silver golden diamond angel hello goodbye
realestate realtor broker brokerage property properties homes house housing mortgage listing listings agent
company business office manager sales marketing beacon leads welcome1 test testing testtest guest user
access security private system server database qazwsx zxcvbn asdfgh letmein1 passw0rd p@ssword p@ssw0rd
pa55word passpass newpassword mypassword yourpassword lovely loveme love123 family forever blessed jesus
america canada london newyork chicago boston texas florida california maverick mustang corvette ferrari
porsche mercedes yankees cowboys steelers liverpool chelsea arsenal barcelona madrid cheese pepper ginger
banana apple orange coffee matrix killer pussycat nintendo playstation xbox minecraft fortnite roblox""".split()

SUFFIXES = ["", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678", "!", "1!", "123!", "01", "007",
            "69", "99", "00", "11", "22", "2000", "@123", "#1", "_123"]
SUFFIXES += [str(y) for y in range(1990, 2031)]
SEASONS = ["spring", "summer", "autumn", "fall", "winter"] + "january february march april may june july august \
september october november december".split()
WALKS = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc", "qazwsxedc", "qazwsxedcrfv", "1q2w3e4r5t", "1q2w3e4r5t6y",
         "q1w2e3r4t5", "zaq12wsx", "zaq1xsw2cde3", "!qaz2wsx", "poiuytrewq", "lkjhgfdsa", "mnbvcxz", "qwertyui", "asdfghjk",
         "azertyuiop", "qwertzuiop", "1234qwer", "qwer1234", "asdf1234", "1234asdf", "zxcv1234", "abcd1234",
         "abcdefgh", "abcdefghij", "abc123abc123", "a1b2c3d4e5", "1a2b3c4d5e", "password", "iloveyou", "qwerty"]


def digit_runs():
    for n in range(10, 21):
        yield "".join(str((i + 1) % 10) for i in range(n))       # 1234567890...
        yield "".join(str(i % 10) for i in range(n))             # 0123456789...
        yield "".join(str(9 - i % 10) for i in range(n))         # 9876543210...


def repeats():
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%*.-_"
    for ch in alphabet:
        for n in range(10, 21):
            yield ch * n
    for a, b in itertools.product("abcxyz0123456789", repeat=2):
        if a != b:
            yield (a + b) * 5
            yield (a + b) * 6
    for word in ["abc", "123", "xyz", "qwe", "asd", "love", "pass", "test", "hello", "1234", "12345", "abcd"]:
        for n in range(2, 6):
            yield word * n


def variants(word):
    yield word
    leet = word.replace("a", "@").replace("o", "0").replace("e", "3").replace("s", "$").replace("i", "1")
    yield leet
    yield word.replace("o", "0").replace("a", "4")
    yield word + word
    yield word[::-1]


def generate():
    seen, out = set(), []

    def add(p):
        p = p.lower()
        if len(p) >= 10 and p not in seen:
            seen.add(p)
            out.append(p)

    for p in itertools.chain(digit_runs(), repeats(), WALKS):
        add(p)
    for walk in WALKS:
        for s in SUFFIXES[:12]:
            add(walk + s)
    # Most common first, so the cut at 10,000 drops the rarest: plain words with the usual suffixes, then seasons
    # and months with years, then the leet and doubled variants with every suffix.
    for s in SUFFIXES[:10]:
        for word in WORDS:
            add(word + s)
    for word in WORDS:
        for y in range(2000, 2031):
            add(f"{word}{y}")
    for season in SEASONS:
        for y in range(1990, 2031):
            add(f"{season}{y}")
            add(f"{season}{y}!")
            add(f"{season}@{y}")
    for s in SUFFIXES:
        for word in WORDS:
            for v in variants(word):
                add(v + s)
    for s in SUFFIXES[:8]:
        for word in WORDS:
            add(s + word)
    return out


if __name__ == "__main__":
    passwords = generate()[:10_000]
    target = pathlib.Path(__file__).with_name("common-passwords.txt")
    target.write_text("\n".join(passwords) + "\n", encoding="utf-8")
    print(f"{len(passwords)} passwords written to {target.name}")
