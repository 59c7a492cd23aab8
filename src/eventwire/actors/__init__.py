"""The actors stage: who did it and to whom.

`ActorResolver` turns a phrase or a parsed noun phrase into `Actor`s, using the tables in `data/actors/`
and the knowledge base of named people in `data/kb/`; `DocumentMemory` carries identities through one
document (coreference: surname-only mentions, "the minister", "he"). `place_target` gives an event with no
target the country it happened in (CAMEO's convention), `place_authority` a legal or coercive act with no doer
that country's government.
"""

from .resolve import ActorResolver, DocumentMemory
from .setting import locals_of_place, place_authority, place_target

__all__ = ["ActorResolver", "DocumentMemory", "locals_of_place", "place_authority", "place_target"]
