"""Pages of government oversight, one module an area (URL names in ``oversight.urls``):
``pairings`` (the leader's page, pairings, key projects), ``visits`` (visits and measures),
``tickets`` (problem tickets and rates); ``common`` holds the list, form and button pages
they share.
"""
