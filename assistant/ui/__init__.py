"""The Gradio chat UI's parts: views (rendering), auth, audit, limits and the app's tabs.

The app itself is ``python -m assistant.app`` (assistant/app.py). Everything here except
the tab builders is plain Python, importable without Gradio, so it is tested quickly.
"""
