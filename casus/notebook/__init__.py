"""The meeting notebook: the secretary's meeting screen without the window.

What the screen holds and decides lives here, testable without Qt: the agenda with its
numbering, the notes per item and field with what is saved and what is checked, the findings of
the disclosure gate with the text they are in, and the export of the minutes. The window
(ui/meeting_screen.py) shows this state and passes on what the secretary does.
"""
