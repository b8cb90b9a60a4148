"""The look: a restrained palette of paper, ink and one red, and the canvas geometry."""

from __future__ import annotations

CANVAS = (1280, 720)

PAPER = (236, 228, 210)
PAPER_DARK = (216, 202, 172)
INK = (43, 38, 32)
INK_SOFT = (96, 88, 76)
INK_FAINT = (150, 140, 122)
RED = (158, 42, 43)
RED_SOFT = (190, 110, 100)
NIGHT = (22, 24, 28)
SHADE = (18, 16, 14, 150)
PANEL = (244, 238, 224, 236)
PANEL_EDGE = (120, 106, 84)
FOCUS = (176, 140, 60)
DISABLED = (160, 152, 138)
WHITE = (250, 248, 242)

MARGIN = 48
TEXT_BOX = (80, 468, 1120, 232)  # x, y, w, h of the passage panel
HEADER_H = 44
CHOICE_W = 760
CHOICE_H = 50
CHOICE_GAP = 10
