"""Lay wordings shared by the triage readers (parse, collapse_subject, red_flags).

One definition each, so that the AVPU "alert" reading of ``parse``, the collapse recovery of
``collapse_subject`` and the red flags of ``red_flags`` cannot drift apart (lay12, issue 21):

- :data:`USUAL_HEALTH` / :func:`usual_health`: a statement of the person's USUAL health ("he's
  normally fine", "she's fine most of the time", "otherwise fine", "fine in himself") or of
  someone else's ("his sister is fine") is no recovery and no "it's over" (NHS "When to call
  999" asks what is happening now; a sign in a usually well person is new, not gone);
- the ``RESPOND_*`` word groups: a sentence with a bare "won't / doesn't respond" that is a
  habit, a sulk, an unanswered message, a development or hearing question, sleep, a fit going on,
  an awake person or a treatment, not an unconscious person (NHS "When to call 999": someone
  unconscious or not responding; AVPU "U"). Only ``red_flags`` reads them: ``parse``'s use
  was taken back after review (it hid real non-response; see ``parse._RESPONDS_OTHERWISE``).
"""

from __future__ import annotations

import re

# (lay11) A reassurance about the person's usual health or the rest of them ("he's normally
# fine", "she's usually fine", "normally he's fine", "he's fine usually / most of the time",
# "otherwise fine") does not say the sign is over: NHS "When to call 999" / "Sepsis" ask what is
# happening now, and a sign in a usually well person is new, not gone. An over word with one of
# these words in the few words before it, inside it or right after it is not read as over.
USUAL_HEALTH = re.compile(
    r"\b(?:normally|usually|generally|typically|ordinarily|otherwise|always|mostly|in general|"
    r"most of the time|as a rule|(?:is|was|'s|\u2019s) never (?:ill|poorly|sick|unwell)|"
    # "fine in himself": the rest of the person, as "otherwise fine" (NICE NG143: a red
    # feature is red whatever the child's general look)
    r"in (?:him|her|them)sel(?:f|ves))\b", re.I)
# ... and "fine" said of someone else ("my baby is mottled, his sister is fine", "the twins'
# brother is fine"): another person's health says nothing of the sign
OTHER_PERSON_FINE = re.compile(
    r"\b(?:(?:his|her|their|my|our|the|your) (?:twin |big |little |older |younger |baby )?"
    r"(?:sister|brother|twin|siblings?|mum|mom|dad|husband|wife|partner|friend|other (?:kids?|"
    r"children|one|twin))|everyone else|the others?|the rest of (?:us|them|the family))"
    r"(?:'s|\u2019s|s)?\s*$", re.I)


def usual_health(sent: str, o: re.Match[str]) -> bool:
    """Whether the over word ``o`` of ``sent`` is a reassurance about the usual health: a
    usual-health word in the three words before it, inside it or right after it, or "fine"
    said of someone else ("his sister is / 's fine"; a leading "'s" is read as "is": lay12, the
    collapse recovery reader's "'s fine", no red_flags over word starts with it)."""
    before = sent[max(0, o.start() - 30):o.start()]
    before = re.split(r"[,;:]|\b(?:and|but|now)\b", before)[-1]
    head = re.sub(r"\s*(?:is|are|was|were|seems?)?\s*$", "", sent[max(0, o.start() - 40):o.start()]
                  + re.sub(r"^(?:is|are|was|were|seems?|now|and|but|all|'s|\u2019s)\b.*", "",
                         o.group(), flags=re.I))
    if OTHER_PERSON_FINE.search(head) is not None:
        return True
    after = re.match(r"[\s,]*(?:[\w'\u2019]+ ){0,1}[\w'\u2019 ]{0,20}", sent[o.end():])
    return (USUAL_HEALTH.search(before) is not None or USUAL_HEALTH.search(o.group()) is not None
            or (after is not None and USUAL_HEALTH.match(after.group().strip(" ,")) is not None))


# ---- the bare non-response word groups (lay11, moved here from red_flags in lay12) ----
# a habit: it comes and goes, or happens when the person is busy ("he sometimes won't respond
# when he's on his iPad")
RESPOND_HABIT = (
    r"sometimes", r"occasionally", r"on occasion", r"at times", r"often", r"usually", r"always",
    r"(?:when|whenever|while) (?:he'?s|she'?s|they'?re|he is|she is|they are) "
    r"(?:playing|watching|on (?:his|her|their|the)|busy|gaming|engrossed|absorbed|concentrating|"
    r"reading|focus\w*)")
# "never" (red_flags only: "I've never seen her like this" is said of an unconscious person too)
RESPOND_NEVER = (r"never",)
# a sulk, an argument, a teenager's mood ("my son won't respond to me since we had an argument")
RESPOND_SULK = (
    r"sulk\w*", r"ignor\w*", r"argu\w*", r"(?:fell|falling|fallen) out",
    r"in a (?:mood|huff|strop)", r"silent treatment", r"moody", r"teen\w*")
# a message left unanswered ("she won't respond to my texts")
RESPOND_MESSAGE = (
    r"texts?", r"messages?", r"emails?", r"calls\b", r"phone ?calls?", r"phones?", r"whatsapp",
    r"letters?", r"voicemails?")
# a development or hearing question ("my toddler doesn't respond to his name, could it be
# autism?"; NHS "Autism: signs in young children": not responding to their name; NHS "Hearing
# tests for children"; NHS "Glue ear")
RESPOND_DEVELOPMENT = (
    r"deaf\w*", r"hearing", r"autis\w*", r"\basd\b", r"adhd", r"speech", r"develop\w*",
    r"delay\w*", r"glue ear")
# asleep: a sleeper who does not answer to a name (a fit in sleep is read as its own flag;
# "won't wake" is the unresponsive rule): lay10 keeps "he jerks in his sleep and won't respond
# when I say his name" at 2
RESPOND_ASLEEP = (r"(?:in (?:his|her|their|my) )?sleep(?:ing)?\b", r"asleep")
# a fit going on now: the non-response is part of it and the seizure rules read it (level 2,
# as lay10 / trilay pin "my son is jerking and won't respond"); a fit that is over ("had a fit
# and won't respond") is still read
RESPOND_FIT = (
    r"jerk(?:ing|s)\b", r"fitting", r"seizing", r"convulsing", r"twitching", r"shaking",
    r"having (?:a |another )?(?:fit|seizure|convulsion)")
# awake: crying, screaming or talking in the same sentence (a night terror, a psychosis: "she
# does not respond and persists crying", "does not respond and repeatedly says ...")
RESPOND_AWAKE = (r"cr(?:y|ies|ying)\b", r"scream\w*", r"shouting at")
# ... and talking (red_flags only: "my wife says he doesn't respond when she shakes him" is a
# report of someone else's words)
RESPOND_TALKING = (r"says\b", r"saying\b")
# a treatment that does not work ("his eczema won't respond to the cream")
RESPOND_TREATMENT = (
    r"treatment", r"antibiotics?", r"medicines?", r"medication", r"tablets?", r"inhaler",
    r"physio\w*", r"therapy", r"steroids?", r"cream")
