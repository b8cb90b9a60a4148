"""A playthrough: state, offered choices, choose, rollback, exploration. Pure; depends
only on game.story."""

from .play import (
    InvalidChoice,
    Offer,
    Status,
    advance,
    back,
    choose,
    offered,
    replay,
    rollback,
    settle,
    start,
    status,
)
from .state import Decision, PlayState

__all__ = ["Decision", "InvalidChoice", "Offer", "PlayState", "Status", "advance", "back",
           "choose", "offered", "replay", "rollback", "settle", "start", "status"]
