"""The chat UI's settings (server, auth, audit, limits): the ``app`` section of ``Settings``.

The model lives in ``assistant.config_sections``; this module keeps
``from assistant.ui.config import AppConfig`` working. Precedence as for every setting:
defaults < YAML (``app:`` in ``--config``, or the section alone in ``--app-config``) <
``CLINASSIST_APP__*`` < flags (``--set app.port=8080``, ``--port 8080``). Example
``--app-config`` file::

    host: 0.0.0.0          # behind a TLS reverse proxy only
    port: 7860
    auth_file: /etc/clinassist/auth.txt
    audit_log: /var/log/clinassist/audit.jsonl
    max_request_chars: 50000
    slots: 1               # requests the model serves at once (raise for a vLLM backend)
    per_user: 1
"""

from __future__ import annotations

from assistant.config import AppConfig

__all__ = ["AppConfig"]
