"""Signaal Desk: CoMensha's registrar workstation, where reports land, are triaged, linked, exported and counted."""
