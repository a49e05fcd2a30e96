"""The tracker: a Django app storing statements and the commitments people follow up.

Models in ``models.py``; all changes go through ``communique.tracker.services``.
"""
