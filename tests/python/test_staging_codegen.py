"""The generated seed/staging YAML is in step with the extract contract (macros/contracts)."""

from infra_accounting import staging_codegen
from infra_accounting.contract import load_contract


def test_generated_files_are_current():
    stale = [
        str(path)
        for path, content in staging_codegen.expected_files().items()
        if not path.exists() or path.read_text(encoding="utf-8") != content
    ]
    assert not stale, f"Run `infra-close generate-staging`; stale: {stale}"


def test_every_extract_has_a_staging_model(project_root):
    missing = [
        spec.staging_model
        for spec in load_contract().values()
        if not (project_root / "models" / "staging" / spec.source / f"{spec.staging_model}.sql").exists()
    ]
    assert not missing


def test_contract_foreign_keys_point_at_contract_columns():
    contract = load_contract()
    by_model = {f"{spec.source}__{spec.name}": spec for spec in contract.values()}
    for spec in contract.values():
        for column in spec.columns:
            if column.fk:
                parent, parent_column = column.fk.split(".")
                assert parent in by_model, f"{spec.qualified_name}.{column.name} -> unknown extract {parent}"
                assert parent_column in by_model[parent].column_names
