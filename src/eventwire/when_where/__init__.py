"""The when/where/how-much stage: event dates from the event's clause, places from a gazetteer, and
casualty and size figures, each attached to an already-coded event (`annotate.Annotator`).

Nothing is imported here, so the event coder can read the date and place rules (`dates`, `places`) without
loading the stage that imports the coder."""
