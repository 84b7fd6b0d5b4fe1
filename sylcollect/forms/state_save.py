"""What a filled-in form leaves behind when saved: relevant answers with calculations, the
scores computed from them, and the safeguarding alerts that hold."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sylcollect.domain.record import Alert
from sylcollect.forms.safeguarding import evaluate_alerts
from sylcollect.forms.scoring import ScoreResult, score
from sylcollect.forms.state import FormState


@dataclass(frozen=True)
class Outcome:
    """Answers to save, scores and alerts of one state at one moment; immutable."""

    answers: dict[str, Any]
    scores: dict[str, ScoreResult]
    alerts: tuple[Alert, ...]

    def scores_json(self) -> dict[str, dict[str, Any]]:
        """Scores as stored with a record: every field of each ScoreResult."""
        return {name: asdict(result) for name, result in self.scores.items()}


def outcome(state: FormState) -> Outcome:
    """Score the saved (relevant) answers with the form's scoring sheet; evaluate alerts."""
    answers = state.answers_to_save()
    return Outcome(answers, score(state.compiled.scoring, answers), evaluate_alerts(state))
