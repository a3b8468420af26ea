"""The app's pages: Data, Train, Predict, Runs, Settings (the Monitor page lives in gui.monitor)."""
