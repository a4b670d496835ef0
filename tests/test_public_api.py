"""The public surface is pinned: adding or removing a name is a deliberate change."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

import thidua

THIDUA = [
    "AcclaimOrder",
    "AcclaimRule",
    "AcclaimedUnit",
    "Acclamation",
    "Agreement",
    "AgreementDocument",
    "AgreementStatus",
    "AmbiguousSuccessorError",
    "Amendment",
    "Attendance",
    "Award",
    "AwardError",
    "AwardKind",
    "Ballot",
    "BallotBox",
    "BallotError",
    "BallotRecord",
    "CandidateResult",
    "CapBase",
    "CapResult",
    "Cast",
    "Commitment",
    "Condition",
    "ConditionResult",
    "CooperationMemo",
    "CountCondition",
    "CountField",
    "DEFAULT_LIMITS",
    "DateError",
    "Decision",
    "DigestCheck",
    "DisciplineCount",
    "DisciplineLevel",
    "DocumentError",
    "DocumentSystem",
    "Dossier",
    "ElectorateRule",
    "Eligibility",
    "EligibilityRule",
    "EmulationGroup",
    "Framework",
    "FunctionTransfer",
    "Grant",
    "GroupKind",
    "GroupQuota",
    "HANOI_QUORUM",
    "HoldsAwardCondition",
    "InvalidModelError",
    "Issued",
    "Knockout",
    "LeadershipSource",
    "LedGroupCondition",
    "LegalReference",
    "LegalReferenceError",
    "LifecycleError",
    "Limits",
    "Meeting",
    "Membership",
    "Minutes",
    "NoDisciplineCondition",
    "Nomination",
    "NominationStatus",
    "NotDissolvedCondition",
    "Organisation",
    "Period",
    "PeriodKind",
    "PersonYear",
    "Problem",
    "Proposal",
    "ProposalOutcome",
    "ProposalRoute",
    "ProposalScope",
    "PublishedResult",
    "QuorumRule",
    "RankedUnit",
    "Recipient",
    "RecordHolder",
    "RecordTransfer",
    "Regime",
    "RegimeChoice",
    "ResultRevocation",
    "ReviewDocument",
    "ReviewReport",
    "Revocation",
    "RevocationReason",
    "Role",
    "Rotation",
    "Rounding",
    "SchemaVersionError",
    "ScoreChange",
    "ScoreLine",
    "WorkflowSheet",
    "XlsxLimits",
    "ScoringError",
    "Seal",
    "SectionDigest",
    "ShareCap",
    "ShareCondition",
    "SheetError",
    "SheetState",
    "Signatory",
    "SignatureAuthority",
    "Signing",
    "StateChange",
    "StatementCondition",
    "StatusChange",
    "StructureError",
    "Succession",
    "SuccessionKind",
    "Tally",
    "Target",
    "TaskRating",
    "TaskRatingCondition",
    "ThiduaError",
    "Threshold",
    "ThresholdBase",
    "BallotTieBreak",
    "Unit",
    "UnitEvent",
    "UnitEventKind",
    "UnitKind",
    "UnitYear",
    "UnknownCodeError",
    "VerifyReport",
    "Vote",
    "WITHHELD",
    "acclaim",
    "allowed_moves",
    "apply_cap",
    "attach_to_successor",
    "cast_ballots",
    "check_eligibility",
    "check_nominations",
    "check_ranking",
    "choose_regime",
    "decisions_in_force",
    "digest",
    "digest_reference_field",
    "find_references",
    "format_date",
    "format_place_date",
    "government_flag_cap_2017_2022",
    "government_flag_cap_2023",
    "is_personal",
    "nfc",
    "parse_date",
    "parse_datetime",
    "parse_period",
    "personal_field",
    "preset",
    "preset_codes",
    "ranking_of",
    "record_holder",
    "references",
    "run_review",
    "same_name",
    "seal",
    "seal_field",
    "section_digests",
    "tally",
    "verify",
    "vietnamese_sort_key",
    # Exchange: schema, messages, migrations, numbers, documents and reports.
    "Language",
    "Migration",
    "MigrationResult",
    "NumberConvention",
    "NumberFormatError",
    "agreement_paper",
    "results_table",
    "unit_explanation",
    "blank_sheet_csv",
    "blank_sheet_xlsx",
    "sheet_from_csv",
    "sheet_to_csv",
    "sheet_from_xlsx",
    "sheet_to_xlsx",
    "read_table",
    "TableImport",
    "TableNote",
    "blank_sheet",
    "read_filled_sheet",
    "diff_schemes",
    "SchemeChange",
    "scheme_from_table_csv",
    "scheme_from_table_xlsx",
    "scoring_sheet",
    "format_number",
    "format_number_vi",
    "json_schema",
    "language_from_environment",
    "localise",
    "message_for",
    "migrate",
    "parse_number",
    "render_docx",
    "render_html",
    "render_markdown",
    "report_html",
    "review_minutes",
    "submission_letter",
    "summary_table",
    "with_seal",
    "withhold_personal_data",
    "write_atomic",
]

SCORING = [
    "Achievement",
    "AchievementInput",
    "Adjustment",
    "Amount",
    "Assessment",
    "AwardPoints",
    "AwardBonus",
    "AwardsInput",
    "Band",
    "Bar",
    "Bonus",
    "Bound",
    "ChoiceInput",
    "Combination",
    "Comparative",
    "CountInput",
    "Criterion",
    "CriterionTieBreak",
    "DeductionFloor",
    "Direction",
    "Effect",
    "Evaluation",
    "FewerPenalties",
    "Flat",
    "GapSide",
    "GroupContext",
    "Input",
    "Interval",
    "ItemAdjustment",
    "KnockoutRule",
    "Layer",
    "LayerRule",
    "LineKind",
    "LineSource",
    "ManualPoints",
    "Method",
    "MethodContext",
    "MissingRow",
    "Node",
    "OnError",
    "OneOf",
    "Option",
    "PeerRule",
    "PeerStatistic",
    "Penalty",
    "PerCase",
    "PerOccurrence",
    "PointsInput",
    "Reason",
    "Results",
    "RoundingRule",
    "RoundingMode",
    "RoundingStep",
    "Scheme",
    "Scoring",
    "ScoringMethod",
    "ScoringSheet",
    "Section",
    "SectionTieBreak",
    "Share",
    "ShareInput",
    "SharedCap",
    "SheetProblem",
    "Stacking",
    "Subtotal",
    "TieBreak",
    "Tier",
    "Tiers",
    "Trace",
    "TraceLine",
    "TwoInputTiers",
    "TwoValuesInput",
    "SheetUnit",
    "UnitResult",
    "UnscoredUnit",
    "ValueInput",
    "Waiver",
    "YearResults",
    "YesNo",
    "YesNoInput",
    "band_gaps",
    "check_item_code",
    "check_sheet",
    "deferred_sheet_checks",
    "explain",
    "score",
    "score_all",
    "sheet_problems",
]

STRATEGIES = [
    "agreement_documents",
    "agreements",
    "ballot_boxes",
    "ballots",
    "commitments",
    "dates",
    "decisions",
    "groups",
    "legal_references",
    "meetings",
    "memberships",
    "nominations",
    "organisations",
    "periods",
    "rankings",
    "review_documents",
    "rotations",
    "workflow_sheets",
    "scoring_files",
    "scoring_results",
    "scoring_schemes",
    "signatories",
    "successions",
    "targets",
    "unit_events",
    "unit_years",
    "units",
    "vietnamese_names",
    "votes",
]

SERIALIZATION = [
    "SCHEMA_VERSION",
    "canonical_json",
    "configure_converter",
    "converter",
    "document_data",
    "document_kind",
    "document_kinds",
    "dumps",
    "loads",
    "make_converter",
    "register_tagged_union",
    "structure",
    "unstructure",
]

ERRORS = [
    "NO_DETAILS",
    "CellProblem",
    "DetailValue",
    "Details",
    "LineProblem",
    "PaperError",
    "StreamError",
    "WireError",
    "SpreadsheetError",
    "AmbiguousSuccessorError",
    "AwardError",
    "BallotError",
    "DateError",
    "DocumentError",
    "InvalidModelError",
    "LegalReferenceError",
    "LifecycleError",
    "NumberFormatError",
    "Problem",
    "SchemaVersionError",
    "ScoringError",
    "SheetError",
    "StructureError",
    "ThiduaError",
    "UnknownCodeError",
]

DOCUMENTS = [
    "BLANK",
    "MOTTO",
    "NATIONAL_TITLE",
    "AdministrativeDocument",
    "Heading",
    "Items",
    "Paragraph",
    "Signature",
    "Table",
    "agreement_paper",
    "citation",
    "render_docx",
    "render_html",
    "render_markdown",
    "report_html",
    "results_table",
    "review_minutes",
    "submission_letter",
    "summary_table",
    "unit_explanation",
]

MODULES = {
    "thidua": THIDUA,
    "thidua.documents": DOCUMENTS,
    "thidua.scoring": SCORING,
    "thidua.strategies": STRATEGIES,
    "thidua.serialization": SERIALIZATION,
    "thidua.errors": ERRORS,
}


@pytest.mark.parametrize("module_name", sorted(MODULES))
def test_public_names_are_pinned(module_name: str) -> None:
    """__all__ is exactly the pinned list, with no name twice."""
    module = importlib.import_module(module_name)
    assert sorted(MODULES[module_name]) == sorted(module.__all__)
    assert len(set(module.__all__)) == len(module.__all__)


@pytest.mark.parametrize("module_name", sorted(MODULES))
def test_every_public_name_resolves_inside_thidua(module_name: str) -> None:
    """Each name exists, has a docstring, and is defined in thidua."""
    module = importlib.import_module(module_name)
    for name in module.__all__:
        value = getattr(module, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__module__.startswith("thidua"), name
            assert inspect.getdoc(value), name


def _init_tree() -> ast.Module:
    return ast.parse(Path(thidua.__file__).read_text(encoding="utf-8"))


def _typing_imports() -> dict[str, str]:
    """Name -> module of the imports under ``if TYPE_CHECKING:`` in thidua/__init__.py."""
    found: dict[str, str] = {}
    for node in _init_tree().body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for inner in node.body:
                assert isinstance(inner, ast.ImportFrom)
                assert inner.module is not None
                found.update({alias.name: inner.module for alias in inner.names})
    return found


def test_lazy_map_all_and_typing_imports_agree() -> None:
    """The lazy map, __all__ and the imports type checkers read name the same things."""
    lazy: dict[str, str] = thidua._LAZY
    typing_imports = _typing_imports()
    assert sorted(lazy) == sorted(thidua.__all__)
    assert typing_imports == lazy


REFERENCE = Path(__file__).parent.parent / "docs" / "reference.md"
_DIRECTIVE = re.compile(
    r"^\.\. auto(?:class|function|data|exception):: thidua\.(\w+)$", re.MULTILINE
)


def test_reference_documents_every_name_of_thidua() -> None:
    """docs/reference.md has one entry per public name of thidua, and no other."""
    documented = _DIRECTIVE.findall(REFERENCE.read_text(encoding="utf-8"))
    assert len(documented) == len(set(documented))
    assert sorted(documented) == sorted(set(thidua.__all__) - set(ERRORS))


#: Every public module whose names a user imports.
PUBLIC_MODULES = (
    "thidua",
    "thidua.documents",
    "thidua.errors",
    "thidua.examples",
    "thidua.scoring",
    "thidua.serialization",
    "thidua.serialization.stream",
    "thidua.strategies",
)


def _objects_by_name() -> dict[str, dict[int, list[str]]]:
    found: dict[str, dict[int, list[str]]] = {}
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            found.setdefault(name, {}).setdefault(id(getattr(module, name)), []).append(module_name)
    return found


def test_no_public_name_means_two_things() -> None:
    """A name exported by several public modules is the same object in each."""
    clashes = {name: objects for name, objects in _objects_by_name().items() if len(objects) > 1}
    assert clashes == {}


def test_the_clash_check_sees_a_clash(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: a name given to two objects is reported."""
    scoring = importlib.import_module("thidua.scoring")
    monkeypatch.setattr(scoring, "__all__", [*scoring.__all__, "Organisation"])
    monkeypatch.setattr(scoring, "Organisation", object(), raising=False)
    assert "Organisation" in {
        name for name, objects in _objects_by_name().items() if len(objects) > 1
    }
