"""kg.records.replace: the fast copy the merge uses behaves as dataclasses.replace."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kg.records import DateSpan, EntityRef, Precision, replace


def test_replace_matches_dataclasses_replace():
    ref = EntityRef("wang-yi", "Wang Yi", "Person", discovered=False, country="china", title="Foreign Minister")
    for changes in ({}, {"title": None}, {"country": "russia", "label": "Wang"}):
        ours, theirs = replace(ref, **changes), dataclasses.replace(ref, **changes)
        assert ours == theirs and hash(ours) == hash(theirs) and type(ours) is EntityRef
    assert ref.title == "Foreign Minister"  # the original is untouched
    span = DateSpan(dt.date(2017, 7, 3), dt.date(2017, 7, 4), Precision.DAY, "July 3-4")
    assert replace(span, text="3-4 July") == dataclasses.replace(span, text="3-4 July")


def test_replace_rejects_an_unknown_field():
    ref = EntityRef("wang-yi", "Wang Yi", "Person")
    with pytest.raises(TypeError, match="no field.*titel"):
        replace(ref, titel="Minister")
    with pytest.raises(dataclasses.FrozenInstanceError):
        replace(ref).title = "x"  # still frozen
