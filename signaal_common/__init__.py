"""What the field app, the sync layer, the receiver and the desk share that is neither forms nor
protocol: the base of every error meant for the person at the screen. Imports nothing of ours."""
