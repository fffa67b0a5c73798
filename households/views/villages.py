"""The villages page: a commune's list of villages (add, rename, merge), the spellings its households
use that no village claims yet, and the commune's rule for household codes."""

from collections import Counter, defaultdict
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from households import villages as service
from households.forms import CodeRuleForm, VillageMapForm, VillageMergeForm, VillageNameForm
from households.models import Household, Village, village_key
from households.models.village import PLACEHOLDERS, clean_village_name, preferred_spelling
from households.permissions import importable_communes

MAX_UNLISTED = 200


def _commune(user, value):
    """The commune of the page: the one asked for if the user keeps its list, else their first."""
    communes = importable_communes(user).order_by("name")
    try:
        return communes.get(pk=int(value)) if value else communes.first()
    except (ValueError, TypeError, communes.model.DoesNotExist):
        raise Http404 from None


def _back(commune):
    return redirect(reverse("households:village-list") + "?" + urlencode({"commune": commune.pk}))


def _unlisted(commune) -> list[dict]:
    """Spellings of the commune's households that no village claims, grouped by what they mean,
    each with the most used spelling, how many households, and the closest village if any."""
    texts = (Household.objects.filter(commune=commune, village_unit__isnull=True).exclude(village="")
             .values_list("village").annotate(n=Count("pk")).order_by())
    groups: dict[str, Counter] = defaultdict(Counter)
    for text, n in texts:
        if key := village_key(text):
            groups[key][clean_village_name(text)] += n
    found = []
    for spellings in list(groups.values())[:MAX_UNLISTED]:
        name = preferred_spelling(spellings)
        found.append({"name": name, "spellings": sorted(spellings), "households": sum(spellings.values()),
                      "suggestion": service.resolve_village(commune, name)[1]})
    return sorted(found, key=lambda g: -g["households"])


def village_list(request):
    commune = _commune(request.user, request.GET.get("commune"))
    if commune is None:
        return render(request, "households/villages.html", {"commune": None})
    villages = Village.objects.filter(commune=commune).annotate(households_count=Count("households"))
    context = {
        "commune": commune, "communes": importable_communes(request.user).order_by("name"),
        "villages": villages, "unlisted": _unlisted(commune),
        "pattern": service.code_pattern(commune), "placeholders": PLACEHOLDERS,
        "example": service.code_example(commune),
        "merge_form": VillageMergeForm(villages=villages),
    }
    return render(request, "households/villages.html", context)


def _act(request, commune, action, done: str):
    """Run one service call; its refusal becomes a message, never an error page."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return _back(commune)


def _invalid(request, commune, form):
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return _back(commune)


def _posted(request, form_class, action, done, *, villages: bool = False):
    """A POST of the page about one commune: the form checked, then ``action(commune, data)`` run;
    ``done(data)`` is the success message. A bad form or a refused action is a message."""
    commune = _commune(request.user, request.POST.get("commune"))
    if commune is None:
        return redirect("households:village-list")
    extra = {"villages": Village.objects.filter(commune=commune)} if villages else {}
    form = form_class(request.POST, **extra)
    if not form.is_valid():
        return _invalid(request, commune, form)
    data = form.cleaned_data
    return _act(request, commune, lambda: action(commune, data), done(data))


@require_POST
def village_add(request):
    return _posted(request, VillageNameForm,
                   lambda commune, d: service.add_village(commune, d["name"], by=request.user, request=request),
                   lambda d: f"Đã thêm thôn «{clean_village_name(d['name'])}» (hoặc thôn đó đã có trong danh mục).")


@require_POST
def village_rename(request, pk):
    village = get_object_or_404(Village.objects.filter(commune__in=importable_communes(request.user)), pk=pk)
    form = VillageNameForm(request.POST)
    if not form.is_valid():
        return _invalid(request, village.commune, form)
    name = form.cleaned_data["name"]
    return _act(request, village.commune,
                lambda: service.rename_village(village, name, by=request.user, request=request),
                f"Đã đổi tên thôn thành «{clean_village_name(name)}».")


@require_POST
def village_merge(request):
    return _posted(request, VillageMergeForm,
                   lambda commune, d: service.merge_villages(d["keep"], d["drop"], by=request.user, request=request),
                   lambda d: f"Đã gộp thôn «{d['drop']}» vào thôn «{d['keep']}».", villages=True)


@require_POST
def village_map(request):
    return _posted(request, VillageMapForm,
                   lambda commune, d: service.map_village_text(d["village"], d["text"], by=request.user,
                                                               request=request),
                   lambda d: f"Từ nay «{clean_village_name(d['text'])}» được hiểu là thôn «{d['village']}».",
                   villages=True)


@require_POST
def code_rule(request):
    return _posted(request, CodeRuleForm,
                   lambda commune, d: service.set_code_rule(commune, d["pattern"], by=request.user, request=request),
                   lambda d: "Đã lưu quy tắc mã hộ; hộ chưa có mã từ nay được cấp mã theo quy tắc này.")


@require_POST
def village_add_all(request):
    """The officer confirms the villages proposed from the commune's households (e.g. after its first list)."""
    commune = _commune(request.user, request.POST.get("commune"))
    if commune is None:
        return redirect("households:village-list")
    names = [g["name"] for g in _unlisted(commune) if g["suggestion"] is None]

    @transaction.atomic  # one action: every proposed village, or none
    def add_all():
        for name in names:
            service.add_village(commune, name, by=request.user, request=request)

    return _act(request, commune, add_all, f"Đã thêm {len(names)} thôn vào danh mục của xã.")
