"""The close dashboards: page logic (queries, filters, formatting) and a thin Streamlit app.

The app reads the published snapshot (`infra_accounting.publish`), never the live warehouse.
"""
