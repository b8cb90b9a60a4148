"""Synthesise every sound of the game: four ambient loops and the effects, as WAV files.

Pure standard library (no numpy): filtered noise, resonators, envelopes and a small
reverb, all from seeded `random.Random` instances, so the same script writes the same
bytes every time (a test checks it). Mono, 22050 Hz, 16 bit.

A loop is seamless: its noise beds are rendered a little longer than the loop and the
overhang is crossfaded into the start; its slow modulations have periods that divide the
loop's length; its events (a clock's tick, a tram bell, a horn) are written modulo the
length, so a tail that runs past the end sounds at the start.

    python tools/make_sounds.py                 # writes assets/sounds/*.wav
    python tools/make_sounds.py --out DIR --only click,typewriter_1
"""

from __future__ import annotations

import argparse
import io
import math
import random
import sys
import wave
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "sounds"
SR = 22050
TAU = 2.0 * math.pi
Buf = list[float]

# -- building blocks ---------------------------------------------------------------------


def silence(seconds: float) -> Buf:
    return [0.0] * int(round(seconds * SR))


def white(rng: random.Random, n: int) -> Buf:
    r = rng.random
    return [2.0 * r() - 1.0 for _ in range(n)]


def lowpass(x: Buf, fc: float) -> Buf:
    """One pole, 6 dB/octave."""
    a = math.exp(-TAU * fc / SR)
    b = 1.0 - a
    y = 0.0
    out = [0.0] * len(x)
    for i, v in enumerate(x):
        y = b * v + a * y
        out[i] = y
    return out


def lowpass2(x: Buf, fc: float) -> Buf:
    return lowpass(lowpass(x, fc), fc)


def highpass(x: Buf, fc: float) -> Buf:
    lp = lowpass(x, fc)
    return [v - w for v, w in zip(x, lp, strict=True)]


def brown(rng: random.Random, n: int, leak: float = 0.995) -> Buf:
    """Integrated white noise (a deep rumble), leaky so it never drifts off."""
    r = rng.random
    y = 0.0
    out = [0.0] * n
    for i in range(n):
        y = leak * y + (2.0 * r() - 1.0)
        out[i] = y
    return scale_to(out, 1.0)


def bandpass(x: Buf, fc: float, q: float) -> Buf:
    """RBJ biquad band-pass, 0 dB at the centre."""
    w = TAU * fc / SR
    alpha = math.sin(w) / (2.0 * q)
    a0 = 1.0 + alpha
    b0, b2 = alpha / a0, -alpha / a0
    a1, a2 = -2.0 * math.cos(w) / a0, (1.0 - alpha) / a0
    x1 = x2 = y1 = y2 = 0.0
    out = [0.0] * len(x)
    for i, v in enumerate(x):
        y = b0 * v + b2 * x2 - a1 * y1 - a2 * y2
        x2, x1, y2, y1 = x1, v, y1, y
        out[i] = y
    return out


def resonator(x: Buf, freq: float, decay: float) -> Buf:
    """A two-pole resonance ringing at `freq`, falling 60 dB in about `decay` seconds."""
    r = math.exp(-6.9 / (decay * SR))
    c1, c2 = 2.0 * r * math.cos(TAU * freq / SR), -r * r
    g = 1.0 - r
    y1 = y2 = 0.0
    out = [0.0] * len(x)
    for i, v in enumerate(x):
        y = g * v + c1 * y1 + c2 * y2
        y2, y1 = y1, y
        out[i] = y
    return out


def sweep_band(x: Buf, centre: Callable[[float], float], q: float, block: int = 64) -> Buf:
    """A state-variable band-pass whose centre follows `centre(t)` (wind, gusts)."""
    low = band = 0.0
    damp = 1.0 / q
    out = [0.0] * len(x)
    f = 0.0
    for i, v in enumerate(x):
        if i % block == 0:
            f = 2.0 * math.sin(math.pi * min(centre(i / SR), SR / 6) / SR)
        low += f * band
        high = v - low - damp * band
        band += f * high
        out[i] = band
    return out


def envelope(n: int, attack: float, decay: float) -> Buf:
    """A linear attack then an exponential fall (60 dB over `decay` seconds)."""
    na = max(1, int(attack * SR))
    k = math.exp(-6.9 / (decay * SR))
    out = [0.0] * n
    level = 1.0
    for i in range(n):
        if i < na:
            out[i] = i / na
        else:
            out[i] = level
            level *= k
    return out


def mul(x: Buf, y: Iterable[float]) -> Buf:
    return [a * b for a, b in zip(x, y, strict=False)]


def gain(x: Buf, g: float) -> Buf:
    return [v * g for v in x]


def add(into: Buf, x: Buf, at: int = 0, g: float = 1.0, wrap: bool = False) -> None:
    """Mix `x` into `into` from sample `at`; with `wrap`, what runs past the end goes to the
    start (a loop's events)."""
    n = len(into)
    pos = 0
    while pos < len(x):
        start = (at + pos) % n if wrap else at + pos
        if start >= n:
            return
        end = min(n, start + len(x) - pos)
        piece = x[pos:pos + end - start]
        into[start:end] = [a + g * b for a, b in zip(into[start:end], piece, strict=True)]
        pos += end - start
        if not wrap:
            return


def peak(x: Buf) -> float:
    return max(max(x), -min(x)) if x else 0.0


def scale_to(x: Buf, target: float) -> Buf:
    p = peak(x)
    return gain(x, target / p) if p else x


def rms(x: Buf) -> float:
    return math.sqrt(sum(v * v for v in x) / max(1, len(x)))


def periodic(length: float, parts: list[tuple[int, float, float]]) -> Callable[[float], float]:
    """A slow modulation that repeats exactly every `length` seconds: a sum of sines of
    (cycles per loop, amplitude, phase)."""
    def f(t: float) -> float:
        return sum(a * math.sin(TAU * k * t / length + ph) for k, a, ph in parts)
    return f


def sampled(n: int, f: Callable[[float], float], block: int = 32) -> Buf:
    """`f(t)` at every sample, computed every `block` samples and held linearly between."""
    out = [0.0] * n
    prev = f(0.0)
    for start in range(0, n, block):
        nxt = f(min(n, start + block) / SR)
        span = min(block, n - start)
        step = (nxt - prev) / block
        for i in range(span):
            out[start + i] = prev + step * i
        prev = nxt
    return out


def reverb(x: Buf, size: float = 1.0, wet: float = 0.35, tail: float = 1.5) -> Buf:
    """A small Schroeder reverb (four combs, two all-passes): a room, a street, a harbour."""
    n = len(x) + int(tail * SR)
    dry = x + [0.0] * (n - len(x))
    wet_sum = [0.0] * n
    for ms, fb in ((29.7, 0.77), (37.1, 0.74), (41.1, 0.71), (43.7, 0.70)):
        d = int(ms * size * SR / 1000)
        buf = [0.0] * n
        for i in range(n):
            v = dry[i] + (fb * buf[i - d] if i >= d else 0.0)
            buf[i] = v
            wet_sum[i] += v
    for ms, g in ((5.0, 0.7), (1.7, 0.7)):
        d = int(ms * size * SR / 1000)
        out = [0.0] * n
        for i in range(n):
            delayed = out[i - d] if i >= d else 0.0
            xin = wet_sum[i - d] if i >= d else 0.0
            out[i] = -g * wet_sum[i] + xin + g * delayed
        wet_sum = out
    return [d * (1.0 - wet) + w * wet * 0.25 for d, w in zip(dry, wet_sum, strict=True)]


def seamless(bed: Buf, length: int, overlap: int) -> Buf:
    """Fold a bed of `length + overlap` samples into a loop of `length`: the overhang
    crossfades (equal power) into the start, so the last sample leads into the first."""
    assert len(bed) >= length + overlap
    out = bed[:length]
    for i in range(overlap):
        t = (i + 0.5) / overlap
        fade_in, fade_out = math.sin(0.5 * math.pi * t), math.cos(0.5 * math.pi * t)
        out[i] = bed[i] * fade_in + bed[length + i] * fade_out
    return out


def knock(rng: random.Random, modes: list[tuple[float, float, float]], burst: float = 0.0012,
          length: float = 0.12) -> Buf:
    """A struck thing: a short noise burst ringing a few resonances (freq, decay, gain)."""
    n = int(length * SR)
    nb = max(2, int(burst * SR))
    exc = [(2.0 * rng.random() - 1.0) * (0.5 - 0.5 * math.cos(TAU * i / nb)) for i in range(nb)]
    exc += [0.0] * (n - nb)
    out = [0.0] * n
    for freq, decay, g in modes:  # each mode at its own level, whatever its Q
        add(out, scale_to(resonator(exc, freq, decay), g))
    return out


def partials(freqs: list[tuple[float, float, float]], seconds: float,
             attack: float = 0.002) -> Buf:
    """Sines (freq, gain, decay) with their own exponential falls: a bell, a horn's body."""
    n = int(seconds * SR)
    out = [0.0] * n
    na = max(1, int(attack * SR))
    for f, g, decay in freqs:
        k = math.exp(-6.9 / (decay * SR))
        w = TAU * f / SR
        level = g
        for i in range(n):
            a = level * (i / na if i < na else 1.0)
            out[i] += a * math.sin(w * i)
            level *= k
    return out


# -- the pieces of the loops ------------------------------------------------------------


def wind(rng: random.Random, n: int, length: float, low: float, high: float,
         seed_phase: float) -> Buf:
    """Wind: noise through a swept band (the gusts) plus a thin whistle and hiss."""
    gust = periodic(length, [(1, 0.45, seed_phase), (3, 0.3, 1.3 + seed_phase),
                             (7, 0.15, 2.1), (11, 0.08, 0.4)])
    g = sampled(n, lambda t: 0.5 + 0.5 * max(-0.95, min(0.95, gust(t))))
    body = sweep_band(white(rng, n), lambda t: low + (high - low) * (0.5 + 0.5 * gust(t)), 1.4)
    whistle_centre = periodic(length, [(2, 1.0, seed_phase + 0.7), (5, 0.4, 0.2)])
    whistle = sweep_band(white(rng, n), lambda t: 2.2 * high + 0.5 * high * whistle_centre(t), 9.0)
    hiss = highpass(white(rng, n), 3500.0)
    out = [0.0] * n
    add(out, mul(scale_to(body, 1.0), (0.25 + 0.75 * v for v in g)))
    add(out, mul(scale_to(whistle, 1.0), (v * v for v in g)), g=0.18)
    add(out, mul(hiss, g), g=0.02)
    return out


def traffic(rng: random.Random, n: int, length: float, passes: list[tuple[int, float]]) -> Buf:
    """Muffled traffic: a low rumble that swells as something passes."""
    swell = periodic(length, [(k, 0.5, ph) for k, ph in passes])
    rumble = lowpass2(brown(rng, n, 0.99), 160.0)
    tyres = bandpass(white(rng, n), 900.0, 0.8)
    env = sampled(n, lambda t: 0.35 + 0.65 * (0.5 + 0.5 * max(-1.0, min(1.0, swell(t)))) ** 2)
    out = mul(scale_to(rumble, 1.0), env)
    add(out, mul(tyres, (e * e for e in env)), g=0.08)
    return out


def tram_bell(rng: random.Random, distance: float) -> Buf:
    """A tram's 'ding-ding': two strikes on a small gong, heard from `distance` (0..1)."""
    modes = [(1175.0, 1.0, 1.4), (1175.0 * 2.32, 0.45, 0.7), (1175.0 * 4.25, 0.2, 0.35),
             (1175.0 * 1.51, 0.25, 0.9), (1175.0 * 6.1, 0.08, 0.2)]
    strike = partials(modes, 1.6)
    add(strike, knock(rng, [(3400.0, 0.01, 1.0)], length=0.05), g=0.3)
    out = silence(2.3)
    add(out, strike)
    add(out, strike, at=int(0.32 * SR), g=0.85)
    out = lowpass(out, 5000.0 - 3800.0 * distance)
    return reverb(out, size=1.6, wet=0.3 + 0.5 * distance, tail=1.2)


def ship_horn(rng: random.Random) -> Buf:
    """A far steamship's horn over the ice: a low reedy tone, swelling, with its echo."""
    f0, secs = 87.0, 3.4
    n = int(secs * SR)
    vib = [1.0 + 0.003 * math.sin(TAU * 4.7 * i / SR) for i in range(n)]
    env = [min(1.0, i / (0.45 * SR)) * min(1.0, (n - i) / (1.0 * SR)) for i in range(n)]
    out = [0.0] * n
    phase = 0.0
    for i in range(n):
        phase += TAU * f0 * vib[i] / SR
        out[i] = env[i] * sum(math.sin(k * phase) / k ** 1.1 for k in range(1, 12))
    out = lowpass2(out, 650.0)
    echoed = out + silence(2.8)
    add(echoed, out, at=int(1.05 * SR), g=0.32)
    add(echoed, out, at=int(2.3 * SR), g=0.12)
    return reverb(echoed, size=2.2, wet=0.55, tail=2.0)


def ice_creak(rng: random.Random, seconds: float, rate0: float, rate1: float) -> Buf:
    """Ice under strain: stick-slip pulses, gliding in rate, ringing low wooden modes."""
    n = int(seconds * SR)
    pulses = [0.0] * n
    t = 0.0
    while True:
        i = int(t * SR)
        if i >= n:
            break
        x = i / n
        pulses[i] = (0.6 + 0.4 * rng.random()) * math.sin(math.pi * x) ** 0.7
        rate = rate0 + (rate1 - rate0) * x + rng.uniform(-4.0, 4.0)
        t += 1.0 / max(8.0, rate)
    out = [0.0] * n
    base = rng.uniform(0.9, 1.15)
    for freq, decay, g in ((310.0, 0.05, 1.0), (760.0, 0.03, 0.6), (1480.0, 0.015, 0.35),
                           (2650.0, 0.008, 0.15)):
        add(out, resonator(pulses, freq * base, decay), g=g)
    out += silence(0.6)
    return reverb(out, size=2.0, wet=0.45, tail=1.0)


def ice_ping(rng: random.Random) -> Buf:
    """The 'pew' of a frozen bay: a falling whistle of a wave running through the ice."""
    secs = 0.9
    n = int(secs * SR)
    out = [0.0] * n
    phase = 0.0
    for i in range(n):
        x = i / n
        f = 280.0 + 2600.0 * math.exp(-5.5 * x)
        phase += TAU * f / SR
        out[i] = math.sin(phase) * math.exp(-4.0 * x) * min(1.0, i / 60)
    out = bandpass(out, 900.0, 0.6)
    return reverb(out + silence(0.3), size=2.4, wet=0.5, tail=1.5)


def waves(rng: random.Random, n: int, length: float, swells: int) -> Buf:
    """Soft water at the ice edge: slow swells of low noise with a gentle lap on each."""
    wash = lowpass2(white(rng, n), 450.0)
    lap = bandpass(white(rng, n), 1200.0, 0.9)
    out = [0.0] * n
    for i in range(n):
        ph = (swells * i / (length * SR)) % 1.0
        swell = 0.5 - 0.5 * math.cos(TAU * ph)
        crest = math.exp(-((ph - 0.62) / 0.07) ** 2)
        out[i] = wash[i] * (0.25 + 0.75 * swell) * 3.0 + lap[i] * crest * 0.35
    return out


def clock_tick(rng: random.Random, tock: bool) -> Buf:
    """A wall clock's escapement across the room: tick, or the lower tock."""
    k = 0.86 if tock else 1.0
    x = knock(rng, [(2950.0 * k, 0.018, 1.0), (4700.0 * k, 0.01, 0.5), (1250.0 * k, 0.035, 0.6),
                    (610.0 * k, 0.05, 0.35)], length=0.14)
    return reverb(lowpass(x, 4200.0), size=0.7, wet=0.35, tail=0.35)


def crackle(rng: random.Random, n: int, density: float) -> Buf:
    """The fire in the stove: sparse tiny snaps."""
    out = [0.0] * n
    for i in range(n):
        if rng.random() < density / SR:
            out[i] = rng.uniform(0.2, 1.0) * (1 if rng.random() < 0.5 else -1)
    snap = bandpass(out, 2600.0, 1.2)
    add(snap, resonator(out, 900.0, 0.01), g=0.3)
    return snap


def radiator_ping(rng: random.Random) -> Buf:
    """A steam pipe ticking as it warms: a small metallic knock."""
    x = knock(rng, [(1830.0, 0.25, 1.0), (3980.0, 0.12, 0.4), (5400.0, 0.06, 0.2)], length=0.5)
    return reverb(x, size=0.6, wet=0.3, tail=0.4)


def rail_hit(rng: random.Random, strength: float) -> Buf:
    """A wheel over a rail joint, heard from inside the carriage: a thump and a clank."""
    n = int(0.35 * SR)
    thump = [math.sin(TAU * 68.0 * i / SR) * math.exp(-i / (0.045 * SR)) for i in range(n)]
    add(thump, [math.sin(TAU * 131.0 * i / SR) * math.exp(-i / (0.03 * SR)) for i in range(n)],
        g=0.5)
    clank = knock(rng, [(880.0 * strength, 0.06, 0.5), (2150.0, 0.035, 0.35),
                        (3300.0, 0.02, 0.2), (410.0, 0.08, 0.5)], burst=0.003, length=0.35)
    out = gain(thump, 0.9)
    add(out, lowpass(clank, 2500.0), g=0.9)
    return gain(out, strength)


# -- the loops ----------------------------------------------------------------------------

OVERLAP = 2.0  # seconds of bed folded into a loop's start
LOOP_SECONDS = {"ambience_legation": 16.0, "ambience_street": 16.0, "ambience_sea": 18.0,
                "ambience_summer": 14.0, "ambience_train": 12.0}


def loop_legation() -> Buf:
    """Room tone: the stove's hum and crackle, a slow clock, the street far below."""
    rng = random.Random(1941)
    length = LOOP_SECONDS["ambience_legation"]
    n, extra = int(length * SR), int(OVERLAP * SR)
    m = n + extra
    hum = [0.0] * m
    wob = periodic(length, [(1, 0.15, 0.3), (4, 0.05, 1.1)])
    for i in range(m):
        t = i / SR
        hum[i] = (1.0 + wob(t)) * (math.sin(TAU * 50.0 * t) + 0.6 * math.sin(TAU * 100.0 * t)
                                   + 0.3 * math.sin(TAU * 150.0 * t + 0.5))
    room = lowpass2(brown(rng, m, 0.995), 260.0)
    fire = lowpass(brown(rng, m, 0.98), 500.0)
    street = traffic(rng, m, length, [(1, 0.4), (3, 2.0)])
    bed = gain(scale_to(room, 1.0), 0.30)
    add(bed, hum, g=0.03)
    add(bed, scale_to(fire, 1.0), g=0.10)
    add(bed, crackle(rng, m, 3.0), g=0.12)
    add(bed, lowpass(street, 220.0), g=0.35)
    out = seamless(bed, n, extra)
    for s in range(int(length)):
        add(out, clock_tick(rng, tock=s % 2 == 1), at=int(s * SR + 0.21 * SR),
            g=0.085 * rng.uniform(0.93, 1.0), wrap=True)
    for at in (5.3, 12.9):
        add(out, radiator_ping(rng), at=int(at * SR), g=0.04, wrap=True)
    add(out, lowpass(tram_bell(rng, 1.0), 1400.0), at=int(9.0 * SR), g=0.10, wrap=True)
    return finish_loop(out, 0.09)


def loop_street() -> Buf:
    """A winter street: wind between the buildings, muffled traffic, a tram's bell, steps."""
    rng = random.Random(1942)
    length = LOOP_SECONDS["ambience_street"]
    n, extra = int(length * SR), int(OVERLAP * SR)
    m = n + extra
    bed = gain(wind(rng, m, length, 260.0, 820.0, 0.4), 0.6)
    add(bed, traffic(rng, m, length, [(1, 1.2), (2, 0.1)]), g=0.55)
    out = seamless(bed, n, extra)
    add(out, tram_bell(rng, 0.45), at=int(4.0 * SR), g=0.22, wrap=True)
    add(out, tram_bell(rng, 0.7), at=int(13.1 * SR), g=0.12, wrap=True)
    for k in range(9):  # someone walks past in the snow
        step = snow_step(rng)
        near = math.sin(math.pi * (k + 0.5) / 9)
        add(out, step, at=int((7.0 + 0.52 * k + rng.uniform(-0.02, 0.02)) * SR),
            g=0.10 + 0.22 * near, wrap=True)
    return finish_loop(out, 0.13, top=3800.0)


def snow_step(rng: random.Random) -> Buf:
    """A boot in packed snow: a short dense crunch of tiny fractures."""
    n = int(0.22 * SR)
    x = [0.0] * n
    for i in range(n):
        p = math.exp(-i / (0.05 * SR)) * min(1.0, i / (0.015 * SR))
        if rng.random() < 0.35 * p:
            x[i] = rng.uniform(-1.0, 1.0)
    crunch = bandpass(x, 2100.0, 0.7)
    add(crunch, lowpass(x, 300.0), g=1.2)
    return crunch


def loop_sea() -> Buf:
    """The frozen harbour: wind over the ice, creaks, soft water, a ship's horn far off."""
    rng = random.Random(1943)
    length = LOOP_SECONDS["ambience_sea"]
    n, extra = int(length * SR), int(OVERLAP * SR)
    m = n + extra
    bed = gain(wind(rng, m, length, 180.0, 560.0, 1.9), 0.75)
    add(bed, waves(rng, m, length, 4), g=0.5)
    add(bed, lowpass2(brown(rng, m, 0.997), 90.0), g=0.25)
    out = seamless(bed, n, extra)
    add(out, ice_creak(rng, 1.1, 22.0, 55.0), at=int(2.6 * SR), g=0.22, wrap=True)
    add(out, ice_creak(rng, 0.7, 40.0, 18.0), at=int(15.2 * SR), g=0.15, wrap=True)
    add(out, ice_ping(rng), at=int(12.1 * SR), g=0.05, wrap=True)
    add(out, ship_horn(rng), at=int(6.0 * SR), g=0.22, wrap=True)
    return finish_loop(out, 0.13, top=3000.0)


def gull(rng: random.Random, calls: int) -> Buf:
    """A herring gull's 'kyow-kyow': nasal, harmonic-rich glides, each a little lower."""
    out = silence(calls * 0.42 + 0.4)
    for c in range(calls):
        secs = rng.uniform(0.22, 0.34)
        n = int(secs * SR)
        top = rng.uniform(1500.0, 1750.0) * (1.0 - 0.05 * c)
        call = [0.0] * n
        phase = 0.0
        for i in range(n):
            x = i / n
            f = top * (0.78 + 0.22 * math.sin(math.pi * min(1.0, x * 1.6)))
            phase += TAU * f / SR
            rough = 1.0 + 0.3 * math.sin(TAU * 75.0 * i / SR)
            amp = min(1.0, i / (0.02 * SR)) * (1.0 - x) ** 1.5 * rough
            call[i] = amp * sum(math.sin(k * phase) / k for k in range(1, 7))
        call = bandpass(call, 2300.0, 1.3)
        add(out, call, at=int((c * 0.4 + rng.uniform(0.0, 0.05)) * SR),
            g=1.0 - 0.15 * c)
    return reverb(lowpass(out, 4500.0), size=2.0, wet=0.4, tail=1.0)


def steam_whistle(rng: random.Random) -> Buf:
    """An island steamer's whistle at the quay across the water: breathy, two notes."""
    secs = 1.8
    n = int(secs * SR)
    out = [0.0] * n
    breath = bandpass(white(rng, n), 1100.0, 4.0)
    for f, g in ((330.0, 1.0), (415.0, 0.8)):  # a chime whistle: a major third
        phase = 0.0
        for i in range(n):
            phase += TAU * f / SR
            out[i] += g * (math.sin(phase) + 0.35 * math.sin(2 * phase)
                           + 0.15 * math.sin(3 * phase))
    env = [min(1.0, i / (0.12 * SR)) * min(1.0, (n - i) / (0.35 * SR)) for i in range(n)]
    add(out, scale_to(breath, 1.0), g=0.5)
    out = mul(lowpass(out, 2500.0), env)
    echoed = out + silence(1.5)
    add(echoed, out, at=int(0.8 * SR), g=0.25)
    return reverb(echoed, size=2.2, wet=0.5, tail=1.5)


def loop_summer() -> Buf:
    """The harbour in June: water at the quay, a breeze, gulls, a steamer's whistle."""
    rng = random.Random(1945)
    length = LOOP_SECONDS["ambience_summer"]
    n, extra = int(length * SR), int(OVERLAP * SR)
    m = n + extra
    bed = gain(wind(rng, m, length, 400.0, 900.0, 2.6), 0.25)
    add(bed, waves(rng, m, length, 8), g=0.6)
    slap = bandpass(white(rng, m), 600.0, 1.5)  # water slapping the stones
    lap = [0.5 - 0.5 * math.cos(TAU * ((11 * i / n) % 1.0)) for i in range(m)]
    add(bed, mul(slap, (v ** 6 for v in lap)), g=0.5)
    out = seamless(bed, n, extra)
    add(out, gull(rng, 4), at=int(1.5 * SR), g=0.22, wrap=True)
    add(out, gull(rng, 2), at=int(9.2 * SR), g=0.09, wrap=True)
    add(out, gull(rng, 3), at=int(13.0 * SR), g=0.08, wrap=True)
    add(out, steam_whistle(rng), at=int(5.0 * SR), g=0.12, wrap=True)
    return finish_loop(out, 0.12, top=5000.0)


def loop_train() -> Buf:
    """The night train: the rumble of the bogies and the wheels over the rail joints."""
    rng = random.Random(1944)
    length = LOOP_SECONDS["ambience_train"]
    n, extra = int(length * SR), int(OVERLAP * SR)
    m = n + extra
    rumble = lowpass2(brown(rng, m, 0.993), 170.0)
    rattle = bandpass(white(rng, m), 650.0, 1.1)
    sway = periodic(length, [(1, 0.2, 0.0), (3, 0.1, 1.0)])
    bed = mul(scale_to(rumble, 1.0), sampled(m, lambda t: 0.8 + sway(t)))
    add(bed, rattle, g=0.06)
    add(bed, lowpass(highpass(white(rng, m), 2500.0), 6000.0), g=0.012)
    out = seamless(bed, n, extra)
    period = 1.5
    for c in range(int(length / period)):
        t0 = c * period
        for dt, s in ((0.0, 1.0), (0.14, 0.8), (0.74, 0.9), (0.88, 0.75)):
            add(out, rail_hit(rng, s * rng.uniform(0.85, 1.05)), at=int((t0 + dt) * SR),
                g=0.55, wrap=True)
    return finish_loop(out, 0.15)


def finish_loop(x: Buf, target_rms: float, cut: float = 40.0, top: float = 0.0) -> Buf:
    """Take off the rumble below `cut` Hz (which small speakers only turn into mud) and,
    outdoors, the air above `top` Hz (snow swallows it), and level a loop to a common
    loudness, never past -1 dBFS at its peaks. The filters run round the loop, warmed up
    on its own end, so the seam stays seamless."""
    warm = SR // 2
    x = highpass(highpass(x[-warm:] + x, cut), cut)
    if top:
        x = lowpass2(x, top)
    x = x[warm:]
    r = rms(x)
    g = target_rms / r if r else 1.0
    p = peak(x) * g
    if p > 0.89:
        g *= 0.89 / p
    return gain(x, g)


# -- the effects ---------------------------------------------------------------------------


def typewriter(variant: int) -> Callable[[], Buf]:
    def make() -> Buf:
        """A key: the typebar striking the platen, the escapement, the key returning."""
        rng = random.Random(100 + variant)
        v = [1.0, 0.93, 1.08, 0.97][variant]
        out = knock(rng, [(2350.0 * v, 0.02, 1.0), (3900.0 * v, 0.012, 0.55),
                          (1150.0 * v, 0.03, 0.6), (5600.0, 0.006, 0.3)], burst=0.0008,
                    length=0.16)
        body = [math.sin(TAU * (175.0 + 12 * variant) * i / SR) * math.exp(-i / (0.012 * SR))
                for i in range(int(0.08 * SR))]
        add(out, body, g=0.22)
        add(out, knock(rng, [(4500.0, 0.006, 1.0), (2900.0, 0.01, 0.4)]),
            at=int((0.034 + 0.004 * variant) * SR), g=0.25)  # the escapement lets go
        add(out, knock(rng, [(3100.0 * v, 0.008, 1.0), (1700.0, 0.012, 0.3)]),
            at=int((0.075 + 0.006 * variant) * SR), g=0.12)  # the key comes back up
        out = highpass(out, 120.0)
        return scale_to(reverb(out, size=0.5, wet=0.18, tail=0.12), 0.7)
    return make


def typewriter_return() -> Buf:
    """The margin bell, then the carriage thrown back: a ratchet, then a thump."""
    rng = random.Random(200)
    bell = partials([(2480.0, 1.0, 1.1), (2480.0 * 2.35, 0.35, 0.5), (2480.0 * 3.9, 0.12, 0.25),
                     (2480.0 * 0.5, 0.1, 0.6)], 1.2)
    add(bell, knock(rng, [(4200.0, 0.008, 1.0)], length=0.05), g=0.4)
    out = silence(1.45)
    add(out, bell, g=0.45)
    t = 0.22
    gap = 0.028
    for _ in range(16):
        add(out, knock(rng, [(3300.0, 0.01, 1.0), (1900.0, 0.015, 0.5), (5200.0, 0.004, 0.3)],
                       length=0.05), at=int(t * SR), g=0.22)
        t += gap
        gap = max(0.012, gap * 0.92)
    stop = knock(rng, [(240.0, 0.06, 1.0), (880.0, 0.04, 0.6), (2300.0, 0.02, 0.4)], burst=0.004,
                 length=0.3)
    add(out, stop, at=int((t + 0.03) * SR), g=0.7)
    return scale_to(reverb(highpass(out, 90.0), size=0.5, wet=0.2, tail=0.2), 0.6)


MORSE = {"A": ".-", "E": ".", "I": "..", "N": "-.", "O": "---", "R": ".-.", "S": "...",
         "T": "-", "K": "-.-", "Y": "-.--", "U": "..-", "D": "-.."}


def telegraph(variant: int) -> Callable[[], Buf]:
    def make() -> Buf:
        """A telegraph sounder spelling a short group: the armature clicks down at each mark
        and clacks up at its end; a dot and a dash differ only in the silence between."""
        rng = random.Random(300 + variant)
        word = ["TOKYO", "SEND", "KURIS", "URGENT"][variant]
        dot = 0.068
        events: list[tuple[float, bool]] = []
        t = 0.02
        for letter in word[:2]:
            for mark in MORSE.get(letter, "."):
                events.append((t, True))
                t += dot * (3 if mark == "-" else 1) * rng.uniform(0.92, 1.08)
                events.append((t, False))
                t += dot * rng.uniform(0.9, 1.1)
            t += dot * 2.0
        out = silence(t + 0.15)
        for at, down in events:
            if down:
                k = knock(rng, [(1450.0, 0.03, 1.0), (520.0, 0.05, 0.7), (3150.0, 0.01, 0.4)],
                          burst=0.0015, length=0.12)
                add(out, k, at=int(at * SR), g=rng.uniform(0.95, 1.0))
            else:
                k = knock(rng, [(1750.0, 0.02, 1.0), (640.0, 0.035, 0.4), (3600.0, 0.008, 0.5)],
                          burst=0.0012, length=0.1)
                add(out, k, at=int(at * SR), g=0.6 * rng.uniform(0.9, 1.0))
        out = highpass(out, 150.0)
        return scale_to(reverb(out, size=0.6, wet=0.22, tail=0.15), 0.6)
    return make


def click() -> Buf:
    """The interface's soft click: a felt-tipped tap on wood."""
    rng = random.Random(400)
    x = knock(rng, [(1650.0, 0.012, 1.0), (620.0, 0.025, 0.7), (3100.0, 0.005, 0.2)],
              burst=0.002, length=0.07)
    return scale_to(lowpass(x, 4500.0), 0.45)


SOUNDS: dict[str, Callable[[], Buf]] = {
    "ambience_legation": loop_legation,
    "ambience_street": loop_street,
    "ambience_sea": loop_sea,
    "ambience_summer": loop_summer,
    "ambience_train": loop_train,
    **{f"typewriter_{i + 1}": typewriter(i) for i in range(4)},
    "typewriter_return": typewriter_return,
    **{f"telegraph_{i + 1}": telegraph(i) for i in range(3)},
    "click": click,
}


def wav_bytes(samples: Buf) -> bytes:
    pcm = array("h", (max(-32767, min(32767, int(round(v * 32767.0)))) for v in samples))
    if sys.byteorder == "big":
        pcm.byteswap()
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SR)
        w.writeframes(pcm.tobytes())
    return buf.getvalue()


def render(name: str) -> bytes:
    """One sound as the bytes of its WAV file."""
    return wav_bytes(SOUNDS[name]())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--out", type=Path, default=OUT, help="folder to write into")
    ap.add_argument("--only", default="", help="comma-separated names (default: all)")
    args = ap.parse_args(argv)
    names = [n for n in args.only.split(",") if n] or list(SOUNDS)
    unknown = [n for n in names if n not in SOUNDS]
    if unknown:
        ap.error(f"unknown sound(s): {', '.join(unknown)}; known: {', '.join(SOUNDS)}")
    args.out.mkdir(parents=True, exist_ok=True)
    for name in names:
        data = render(name)
        (args.out / f"{name}.wav").write_bytes(data)
        seconds = (len(data) - 44) / 2 / SR
        print(f"{name}.wav  {seconds:5.2f} s  {len(data) // 1024:5d} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
