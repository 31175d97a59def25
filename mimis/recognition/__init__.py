"""National recognition: the application to MYH for a SeQF level decision, generated from what MIMIS knows."""
