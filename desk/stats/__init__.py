"""Statistics of the desk: facts per person reported, the yearly picture as tables, small-number
suppression and CSV. Qt-free; the view is :mod:`desk.ui.statistics`."""
