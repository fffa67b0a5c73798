"""Doubled words («các hộ hộ nghèo») and the field's frequent misspellings, kept as data.

The misspellings live in ``plans/data/misspellings.csv`` (wrong, right, note) and the words
Vietnamese doubles on purpose in ``plans/data/reduplications.txt``: both change by editing
the file, not the code. They ship with the code, so reading them once per process is safe.
"""

import csv
import functools
import operator
import re
from pathlib import Path

from plans.problems import Fix, Problem
from plans.textchecks.numberwords import DIGITS
from plans.textchecks.source import Paragraph

DATA = Path(__file__).resolve().parent.parent / "data"


@functools.cache
def reduplications() -> frozenset[str]:
    lines = (DATA / "reduplications.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines
                     if line.strip() and not line.startswith("#"))


@functools.cache
def misspellings() -> tuple[tuple[str, str, str], ...]:
    with (DATA / "misspellings.csv").open(encoding="utf-8", newline="") as handle:
        rows = [(r["wrong"].strip(), r["right"].strip(), r["note"].strip())
                for r in csv.DictReader(handle) if r["wrong"].strip() and r["right"].strip()]
    return tuple(rows)


@functools.cache
def _misspelling_index() -> dict[str, tuple[str, str]]:
    """Lower-case wrong phrase (words joined by one space) → (right, note)."""
    return {" ".join(wrong.lower().split()): (right, note) for wrong, right, note in misspellings()}


def _same_case(replacement: str, original: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _spaced(text: str, first: re.Match, second: re.Match) -> bool:
    between = text[first.end():second.start()]
    return bool(between) and between.isspace()


def _is_word(match: re.Match) -> bool:
    return not any(c.isdigit() or c == "_" for c in match.group(0))


def doubled_word_problems(lines: list[Paragraph]) -> list[Problem]:
    """A note per doubled word, with a fix that keeps one of the two."""
    problems = []
    allowed = reduplications()
    for line in lines:
        words = line.words
        if not any(map(operator.eq, words, words[1:])):
            continue  # the common case, decided at C speed
        tokens = line.tokens
        i = 0
        while i < len(tokens) - 1:
            first = tokens[i]
            word = first.group(0).lower()
            if word in allowed or word in DIGITS or not _is_word(first):
                i += 1
                continue
            last = i  # a run of the same word («tin tin tin tin») is one note, its fix keeps one
            while (last + 1 < len(tokens) and tokens[last + 1].group(0).lower() == word
                   and _spaced(line.text, tokens[last], tokens[last + 1])):
                last += 1
            if last == i:
                i += 1
                continue
            start, end = first.start(), tokens[last].end()
            context = line.text[max(0, start - 20):end + 20].strip()
            extra = last - i
            label = f"Bỏ một chữ «{first.group(0)}»" if extra == 1 else f"Bỏ {extra} chữ «{first.group(0)}» thừa"
            fix = Fix(label, "replace", line.target, start, end, line.text[start:end], first.group(0))
            problems.append(Problem(False, f"Lặp từ «{line.text[start:end]}» trong «…{context}…».",
                                    line.where, fix))
            i = last + 1
    return problems


@functools.cache
def _phrases_by_first_word() -> dict[str, tuple[str, ...]]:
    phrases: dict[str, list[str]] = {}
    for phrase in _misspelling_index():
        phrases.setdefault(phrase.split()[0], []).append(phrase)
    return {word: tuple(found) for word, found in phrases.items()}


def _may_hold_misspelling(line: Paragraph) -> bool:
    """A quick rejection: no misspelt phrase occurs in the line even as a substring."""
    phrases = _phrases_by_first_word()
    return any(phrase in line.lowered for word in phrases.keys() & set(line.words)
               for phrase in phrases[word])


@functools.cache
def _by_first_word() -> dict[str, tuple[int, ...]]:
    """First word of each misspelt phrase → the phrase lengths (in words) to try, longest first."""
    lengths: dict[str, set[int]] = {}
    for phrase in _misspelling_index():
        words = phrase.split()
        lengths.setdefault(words[0], set()).add(len(words))
    return {word: tuple(sorted(n, reverse=True)) for word, n in lengths.items()}


def _misspelt(line: Paragraph):
    """(start, end, phrase) of the known misspellings in the line, left to right, longest first."""
    tokens, text, index, firsts = line.tokens, line.text, _misspelling_index(), _by_first_word()
    i = 0
    while i < len(tokens):
        for size in firsts.get(tokens[i].group(0).lower(), ()):
            last = i + size - 1
            if last >= len(tokens):
                continue
            start, end = tokens[i].start(), tokens[last].end()
            phrase = " ".join(text[start:end].lower().split())
            if phrase in index and all(text[tokens[k].end():tokens[k + 1].start()] == " "
                                       for k in range(i, last)):
                yield start, end, phrase
                i = last
                break
        i += 1


def misspelling_problems(lines: list[Paragraph]) -> list[Problem]:
    """A note per known misspelling, with a fix that writes the right spelling."""
    index, problems = _misspelling_index(), []
    for line in lines:
        if not _may_hold_misspelling(line):
            continue
        for start, end, phrase in _misspelt(line):
            wrong = line.text[start:end]
            right, note = index[phrase]
            right = _same_case(right, wrong)
            fix = Fix(f"Sửa thành «{right}»", "replace", line.target, start, end, wrong, right)
            detail = f" ({note})" if note else ""
            problems.append(Problem(False, f"Có thể viết sai: «{wrong}» → «{right}»{detail}.",
                                    line.where, fix))
    return problems
