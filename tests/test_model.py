"""Event ids: stable across runs, distinct for distinct mentions."""

from eventwire.model import Event, Mention


def event(trigger_span, part="text", cameo="190"):
    e = Event(doc_id="d", text="Fighting resumed and fighting spread.", span=(0, 37), trigger="fighting",
              cameo=cameo, trigger_span=trigger_span)
    e.mentions = [Mention("d", e.text, e.span, e.trigger, trigger_span, part)]
    return e


def test_ids_are_stable_and_tell_mentions_apart():
    assert event((0, 8)).assign_id() == event((0, 8)).assign_id()
    assert event((0, 8)).assign_id() != event((22, 30)).assign_id()  # two triggers in one sentence
    assert event((0, 8)).assign_id() != event((0, 8), part="title").assign_id()  # title offsets overlap the text's
    assert event((0, 8)).assign_id() != event((0, 8), cameo="193").assign_id()
