"""Infrastructure accounting warehouse: Python code behind the dbt project (demo generator, math for Python models, CLI)."""
