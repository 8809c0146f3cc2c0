"""Story insight: characters, who says what, narration, emotional arc, pacing.

:func:`betareader.analysis.insight.analyze_story` is the one entry point; each
analysis lives in its own module and reads the parsed Story:

* ``narration``  — tense and person, overall and per scene (also used by checks);
* ``characters`` — the roster with aliases, pronouns, mentions;
* ``speakers``   — every quote and its speaker;
* ``arc``        — sentiment over narrative time;
* ``pacing``     — words, sentences, scenes, dialogue share, readability.
"""
