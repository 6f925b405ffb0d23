"""The widgets the meeting screen (ui/meeting_screen.py) is made of; each shows a part of the
meeting notebook (casus/notebook) and says what the secretary did."""
