"""Every fixed word a young person reads in self-complete mode, in one place.

An anonymous staff survey uses the same mode: the texts ending in _STAFF replace the young
person's words where those would be wrong for an adult (welcome, support, stop, what happens
next, thanks).

Plain words for a reading age of about 9 (tests/ui/test_reading_level.py checks each text
reaches Flesch-Kincaid grade 5 or lower). The confidentiality words follow the study's
approved assent sheet ("Who will know what I say?"). Placeholders in braces are filled in
at run time. Texts are translated in the context "selfcomplete".
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "selfcomplete"


def t(text: str) -> str:
    """The translation of one of the texts below."""
    return QCoreApplication.translate(CONTEXT, text)


# --- welcome ---------------------------------------------------------------------------
WELCOME_TITLE = QT_TRANSLATE_NOOP(CONTEXT, "Hello")
WELCOME_ABOUT_YP = QT_TRANSLATE_NOOP(
    CONTEXT, "These are some questions about you and how things are going for you."
)
WELCOME_ABOUT_STAFF = QT_TRANSLATE_NOOP(CONTEXT, "These are some questions about your work.")
WELCOME_TIME = QT_TRANSLATE_NOOP(CONTEXT, "It takes about {minutes} minutes. Take your time.")
WELCOME_CHOICE = QT_TRANSLATE_NOOP(
    CONTEXT, "There are no right or wrong answers. You can skip any question, take a break or stop."
)
WELCOME_WHO = QT_TRANSLATE_NOOP(
    CONTEXT,
    "We keep your answers private. We use a code, not your name. Only the study team can see them.",
)
WELCOME_WHO_STAFF = QT_TRANSLATE_NOOP(
    CONTEXT, "Your name is not kept with your answers. Only the study team can see them."
)
WELCOME_RISK = QT_TRANSLATE_NOOP(
    CONTEXT,
    "If an answer makes us think you or someone else may be hurt, we have to tell someone "
    "who can help keep you safe. We will try to talk to you first.",
)
WELCOME_RISK_STAFF = QT_TRANSLATE_NOOP(
    CONTEXT,
    "If an answer shows that someone may be at risk of harm, we have to pass it on. "
    "This keeps them safe.",
)
START = QT_TRANSLATE_NOOP(CONTEXT, "Start")
NOT_NOW = QT_TRANSLATE_NOOP(CONTEXT, "Not now")

# --- comfort settings --------------------------------------------------------------------
COMFORT = QT_TRANSLATE_NOOP(CONTEXT, "Make it easier to read")
TEXT_SIZE = QT_TRANSLATE_NOOP(CONTEXT, "Text size")
SIZE_NAMES = (
    QT_TRANSLATE_NOOP(CONTEXT, "Normal text"),
    QT_TRANSLATE_NOOP(CONTEXT, "Big text"),
    QT_TRANSLATE_NOOP(CONTEXT, "Bigger text"),
    QT_TRANSLATE_NOOP(CONTEXT, "Biggest text"),
)
CONTRAST = QT_TRANSLATE_NOOP(CONTEXT, "Dark screen, bright words")
READ_ALOUD = QT_TRANSLATE_NOOP(CONTEXT, "Read the words out loud")
HEADPHONES = QT_TRANSLATE_NOOP(
    CONTEXT, "Put on headphones first if you have them, so only you can hear."
)
READ_AGAIN = QT_TRANSLATE_NOOP(CONTEXT, "Read it again")

# --- questions ---------------------------------------------------------------------------
PROGRESS = QT_TRANSLATE_NOOP(CONTEXT, "Question {n} of {total}")
BACK = QT_TRANSLATE_NOOP(CONTEXT, "Back")
SKIP = QT_TRANSLATE_NOOP(CONTEXT, "Skip")
NEXT = QT_TRANSLATE_NOOP(CONTEXT, "Next")
DONE_CHANGING = QT_TRANSLATE_NOOP(CONTEXT, "Back to my answers")
CONTINUE = QT_TRANSLATE_NOOP(CONTEXT, "Continue")
SKIP_PART = QT_TRANSLATE_NOOP(CONTEXT, "Skip this part")
ADD_ONE = QT_TRANSLATE_NOOP(CONTEXT, "Add one")
ADDED = QT_TRANSLATE_NOOP(CONTEXT, "You have added {n} so far.")
NO_MORE = QT_TRANSLATE_NOOP(CONTEXT, "Go on")
NOT_HERE = QT_TRANSLATE_NOOP(CONTEXT, "This question can't be answered here. Press Skip.")

# --- footer -------------------------------------------------------------------------------
BREAK = QT_TRANSLATE_NOOP(CONTEXT, "Take a break")
HIDE = QT_TRANSLATE_NOOP(CONTEXT, "Hide screen")
HIDE_TIP = QT_TRANSLATE_NOOP(CONTEXT, "Hide the screen now. You can also press Esc or F12.")
STOP = QT_TRANSLATE_NOOP(CONTEXT, "Stop")

# --- break, paused --------------------------------------------------------------------------
BREAK_TITLE = QT_TRANSLATE_NOOP(CONTEXT, "Take a break")
BREAK_TEXT = QT_TRANSLATE_NOOP(
    CONTEXT,
    "Your answers are saved. Take as long as you like. When you want to carry on, you will "
    "go back to the same question.",
)
CARRY_ON = QT_TRANSLATE_NOOP(CONTEXT, "Carry on")
PAUSED = QT_TRANSLATE_NOOP(CONTEXT, "Paused")

# --- support -------------------------------------------------------------------------------
SUPPORT_TITLE = QT_TRANSLATE_NOOP(CONTEXT, "People you can talk to")
SUPPORT_ADULT = QT_TRANSLATE_NOOP(CONTEXT, "Talk to {adult}.")
SUPPORT_ADULT_DEFAULT = QT_TRANSLATE_NOOP(CONTEXT, "the adult who looks after you where you live")
SUPPORT_CHILDLINE = QT_TRANSLATE_NOOP(
    CONTEXT, "Call Childline on 0800 1111. It is free, day and night, if you are 18 or under."
)
SUPPORT_CARD = QT_TRANSLATE_NOOP(CONTEXT, "You can ask for a card with this on it to keep.")
SUPPORT_STAFF = QT_TRANSLATE_NOOP(
    CONTEXT,
    "Did anything here upset you? Talk to your manager or the staff support team where you work.",
)

# --- check, next, end ---------------------------------------------------------------------
CHECK_TITLE = QT_TRANSLATE_NOOP(CONTEXT, "Check your answers")
CHECK_TEXT = QT_TRANSLATE_NOOP(
    CONTEXT, "You can change or clear any answer. When you are happy, press I'm done."
)
SKIPPED = QT_TRANSLATE_NOOP(CONTEXT, "Skipped")
CHANGE = QT_TRANSLATE_NOOP(CONTEXT, "Change")
CLEAR = QT_TRANSLATE_NOOP(CONTEXT, "Clear")
DONE = QT_TRANSLATE_NOOP(CONTEXT, "I'm done")
NEXT_TITLE = QT_TRANSLATE_NOOP(CONTEXT, "What happens next")
NEXT_TEXT = QT_TRANSLATE_NOOP(
    CONTEXT,
    "Your answers go to the study team. They will read them in the next few weeks. "
    "The adult who gave you the laptop can see if an answer shows you may not be safe, "
    "so they can check you are OK.",
)
NEXT_TEXT_STAFF = QT_TRANSLATE_NOOP(
    CONTEXT, "Your answers go to the study team. They will read them in the next few weeks."
)
SEND = QT_TRANSLATE_NOOP(CONTEXT, "Send my answers")
THANKS_TITLE = QT_TRANSLATE_NOOP(CONTEXT, "Thank you")
THANKS_TEXT = QT_TRANSLATE_NOOP(
    CONTEXT, "Thank you for your time. What you told us can help make things better."
)
THANKS_TEXT_STAFF = QT_TRANSLATE_NOOP(
    CONTEXT, "Thank you for your time. Your answers help the study team learn what works."
)
GIVE_BACK = QT_TRANSLATE_NOOP(CONTEXT, "Please give the laptop back now.")

# --- stop ---------------------------------------------------------------------------------
STOP_TITLE = QT_TRANSLATE_NOOP(CONTEXT, "Stop here?")
STOP_TEXT = QT_TRANSLATE_NOOP(
    CONTEXT, "That is fine. You can stop at any time. What do you want to do with your answers?"
)
STOP_TEXT_STAFF = QT_TRANSLATE_NOOP(
    CONTEXT,
    "That is fine. You can stop at any time. Do you want to send the answers you gave so far, "
    "or delete them?",
)
KEEP = QT_TRANSLATE_NOOP(CONTEXT, "Keep my answers")
KEEP_STAFF = QT_TRANSLATE_NOOP(CONTEXT, "Send my answers so far")
DELETE = QT_TRANSLATE_NOOP(CONTEXT, "Delete my answers")
GO_BACK = QT_TRANSLATE_NOOP(CONTEXT, "Go back to the questions")
STOPPED_TITLE = QT_TRANSLATE_NOOP(CONTEXT, "You have stopped")
STOPPED_KEPT = QT_TRANSLATE_NOOP(CONTEXT, "Your answers are kept safe.")
STOPPED_KEPT_STAFF = QT_TRANSLATE_NOOP(CONTEXT, "Your answers so far go to the study team.")
STOPPED_DELETED = QT_TRANSLATE_NOOP(CONTEXT, "Your answers are deleted.")
NOT_NOW_TITLE = QT_TRANSLATE_NOOP(CONTEXT, "That is OK")
NOT_NOW_TEXT = QT_TRANSLATE_NOOP(CONTEXT, "You don't have to do this. Nothing was saved.")

# --- for the adult ---------------------------------------------------------------------------
STAFF = QT_TRANSLATE_NOOP(CONTEXT, "For staff")
STAFF_TITLE = QT_TRANSLATE_NOOP(CONTEXT, "For staff")
STAFF_TEXT = QT_TRANSLATE_NOOP(CONTEXT, "Type your password to end this.")
PASSWORD = QT_TRANSLATE_NOOP(CONTEXT, "Password")
END = QT_TRANSLATE_NOOP(CONTEXT, "End")
CANCEL = QT_TRANSLATE_NOOP(CONTEXT, "Go back")
WRONG = QT_TRANSLATE_NOOP(CONTEXT, "That did not work. Try again.")
CHECKING = QT_TRANSLATE_NOOP(CONTEXT, "Checking…")
SAVING_PROBLEM = QT_TRANSLATE_NOOP(
    CONTEXT, "Your last answer is not saved yet. Tell the adult who gave you the laptop."
)
SAVING_PROBLEM_STAFF = QT_TRANSLATE_NOOP(
    CONTEXT, "Your last answer is not saved yet. Tell the person who gave you the laptop."
)

#: Every text above (the reading-level test reads these; staff-survey texts are plain too).
YOUNG_PERSON_TEXTS = tuple(
    value
    for name, value in dict(globals()).items()
    if name.isupper() and name not in {"CONTEXT"} and isinstance(value, str)
) + tuple(SIZE_NAMES)
