"""The web app (issue 5): dashboard, statement reader, commitments, upload, organizations.

Views only read the tracker's models and call ``communique.tracker.services`` to change
anything; every change is attributed to ``request.user``.
"""
