"""The JSON API under ``/api/``: statements, commitments and their history (Django REST framework).

Reading needs a viewer role, changing an editor role; clients authenticate with a session
(the logged-in browser) or a token (``Authorization: Token KEY``, made by ``communique token``).
Views are thin: every read and change goes through ``communique.tracker.services`` and the
web app's query helpers. The OpenAPI 3 document is at ``/api/schema/`` (drf-spectacular).
"""
