"""The rules of the vendored Bootstrap stylesheet that the app can use, and no others.

Every page blocks its first paint on its stylesheets: Bootstrap's 232 KB (31 KB compressed)
took about 0.4 s of a first visit over a rural 3G connection (bench/load/browser.py), for the
few hundred of its 2,800 classes the app's pages use. ``manage.py write_subsets`` writes
``bootstrap.used.css`` beside the vendored file (same licence), keeping:

- every rule one of whose selectors names only classes found as words anywhere in the app's
  templates, scripts, Python code and the crispy-forms templates it renders, or as string
  literals of Bootstrap's own JavaScript (the classes it toggles: show, collapsing, fade…);
- for a class written with a template variable at its end (``alert-{{ tag }}``,
  ``col-lg-{{ width }}``, ``f"text-bg-{colour}"``), every theme colour and column number after
  that prefix;
- every rule without a class (elements, :root variables), every @font-face and @keyframes,
  and @media/@supports blocks with their kept rules;
- but no rule of a colour mode (``[data-bs-theme=dark]``) while no source names the attribute.

Reading words rather than class attributes keeps more than a page needs (a class named in a
comment is kept), never less. A test fails when the file differs from what the command writes.

The sign-in page is the first page of an officer's day, opened with an empty browser cache: it
waited for its three stylesheets, which shared the slow line with the scripts, to paint (about
1.0 s over rural 3G). ``signin.css`` holds what that page alone can use, the same way but read
from its own templates only, with element rules kept only for the elements they write; the page
carries it inline (``{% inline_stylesheet %}``) and paints as soon as its HTML has arrived.
"""

from __future__ import annotations

import re
from pathlib import Path

import tinycss2
from django.conf import settings

BOOTSTRAP_DIR = Path(settings.BASE_DIR) / "static" / "vendor" / "bootstrap"
FULL_CSS, USED_CSS = BOOTSTRAP_DIR / "bootstrap.min.css", BOOTSTRAP_DIR / "bootstrap.used.css"
APP_CSS = Path(settings.BASE_DIR) / "static" / "css" / "app.css"
SIGNIN_CSS = Path(settings.BASE_DIR) / "static" / "css" / "signin.css"
# The sign-in page's own templates; its form as crispy-forms renders it is added to them.
SIGNIN_TEMPLATES = ["templates/base.html", "templates/registration/login.html"]
APPS = ["areas", "audit", "budgets", "config", "desk", "dialogues", "documents", "households",
        "plans", "rollup", "spreadsheets"]
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
# A class prefix followed by a template or f-string variable: alert-{{ tag }}, text-bg-{colour}.
DYNAMIC = re.compile(r"([a-z][a-z0-9]*(?:-[a-z0-9]+)*-)(?=\{\{|\{%|\$\{|\{[A-Za-z_])")
VARIANTS = ["primary", "secondary", "success", "danger", "warning", "info", "light", "dark",
            "body", "muted", "white", "black", "auto", *map(str, range(13))]
CLASS = re.compile(r"\.(-?[A-Za-z_][A-Za-z0-9_-]*)")
TAG = re.compile(r"<([a-z][a-z0-9]*)")
# What of a selector is not an element name: :not(…), nth arguments, attributes, pseudo-classes
# and pseudo-elements, classes and ids.
NOT_ELEMENT = re.compile(r":not\([^)]*\)|\((?:odd|even|[0-9n+\s-]+)\)|\[[^\]]*\]|::?[\w-]+|[.#][\w-]+")
ELEMENT = re.compile(r"(?<![\w-])[a-z][a-z0-9]*")


def _sources() -> list[Path]:
    import crispy_bootstrap5
    import crispy_forms

    base = Path(settings.BASE_DIR)
    files = [*base.glob("templates/**/*.html"), *base.glob("static/js/*.js"),
             *base.glob("static/dialogues/*.js"), *base.glob("static/plans/*.js")]
    # Not this module: the names it looks for are no page's.
    files += [f for app in APPS if (base / app).is_dir() for f in (base / app).rglob("*.py")
              if "migrations" not in f.parts and f != Path(__file__)]
    for package in (crispy_forms, crispy_bootstrap5):
        files += list(Path(package.__file__).parent.rglob("*.html"))
    return files


def used_classes() -> set[str]:
    """Every word of the sources, the dynamic prefixes' variants, and Bootstrap JS's literals."""
    text = "\n".join(f.read_text(encoding="utf-8", errors="ignore") for f in _sources())
    words = _words(text)
    script = (BOOTSTRAP_DIR / "bootstrap.bundle.min.js").read_text(encoding="utf-8")
    words |= set(re.findall(r"[\"'`]([a-z][a-z0-9-]*)[\"'`]", script))
    return words


def _selector_kept(selector: str, used: set[str], elements: set[str] | None) -> bool:
    if "[data-bs-theme=" in selector and "data-bs-theme" not in used:
        return False
    if elements is not None and not set(ELEMENT.findall(NOT_ELEMENT.sub(" ", selector))) <= elements:
        return False
    return all(name in used for name in CLASS.findall(selector))


def _rules(rules, used: set[str], elements: set[str] | None = None) -> list[str]:
    """The rules (and at-rules holding some) whose selectors use only these classes and, when
    ``elements`` is given, only these elements."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
            chosen = [s for s in selectors if _selector_kept(s, used, elements)]
            if chosen:
                kept.append(",".join(chosen) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports", "layer"):
            inner = _rules(tinycss2.parse_rule_list(rule.content or [], skip_comments=True,
                                                    skip_whitespace=True), used, elements)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":
            kept.append(tinycss2.serialize([rule]))
        elif rule.type == "comment" and rule.value.startswith("!"):  # the licence header
            kept.append(f"/*{rule.value}*/")
    return kept


def subset_css(used: set[str]) -> str:
    rules = tinycss2.parse_stylesheet(FULL_CSS.read_text(encoding="utf-8"), skip_comments=False,
                                      skip_whitespace=True)
    return ("/* Generated by `manage.py write_subsets` from bootstrap.min.css: only the rules the "
            "app can use (config/bootstrap_subset.py). */\n" + "".join(_rules(rules, used)) + "\n")


def _words(text: str) -> set[str]:
    return set(WORD.findall(text)) | {prefix + variant for prefix in DYNAMIC.findall(text)
                                      for variant in VARIANTS}


def _signin_form() -> str:
    """The sign-in form as the page renders it, blank and with every kind of error."""
    from django.template import engines

    from areas.forms import LoginForm

    blank, wrong = LoginForm(), LoginForm(data={"username": "", "password": ""})
    wrong.full_clean()
    wrong.add_error(None, "sai")
    template = engines["django"].from_string("{% load crispy_forms_tags %}{{ blank|crispy }}{{ wrong|crispy }}")
    return template.render({"blank": blank, "wrong": wrong})


def _signin_text() -> str:
    base = Path(settings.BASE_DIR)
    texts = [(base / name).read_text(encoding="utf-8") for name in SIGNIN_TEMPLATES]
    # Nobody is signed in there: not the navigation bar.
    texts[0] = re.sub(r"\{% if user.is_authenticated %\}.*?\{% endif %\}", "", texts[0], count=1,
                      flags=re.S)
    return "\n".join([*texts, _signin_form()])


def signin_css() -> str:
    """The Bootstrap and app rules the sign-in page can use, Bootstrap's first as on every page."""
    text = _signin_text()
    used, elements = _words(text), set(TAG.findall(text))
    kept = []
    for source in (FULL_CSS, APP_CSS):
        rules = tinycss2.parse_stylesheet(source.read_text(encoding="utf-8"), skip_comments=False,
                                          skip_whitespace=True)
        kept += _rules(rules, used, elements)
    # Animations no kept rule runs (spinners, placeholders, progress bars).
    rest = "".join(rule for rule in kept if not rule.startswith("@keyframes"))
    css = "".join(rule for rule in kept
                  if not rule.startswith("@keyframes") or rule.split()[1].split("{")[0] in rest)
    if "</" in css:  # it is written inside the page's <style> element
        raise ValueError("the sign-in stylesheet must not hold '</'")
    return ("/* Generated by `manage.py write_subsets` from bootstrap.min.css and app.css: only the "
            "rules the sign-in page can use, inline in it (config/bootstrap_subset.py). */\n" + css + "\n")
