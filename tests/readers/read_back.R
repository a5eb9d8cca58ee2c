# R reads wijksim's CSV tables with the README's convention: seeds as text, exact; empty
# cells (not applicable) as NA.
suppressPackageStartupMessages(library(data.table))
work <- commandArgs(trailingOnly = TRUE)[1]
t <- fread(file.path(work, "sweep", "table.csv"), colClasses = list(character = "seed"))
expected <- readLines(file.path(work, "seeds.txt"))
stopifnot(identical(sort(unique(t$seed)), sort(expected)))
stopifnot(identical(names(t)[1:4], c("run_id", "point", "replicate", "seed")))
# Without the convention a double cannot hold them: say how many would be corrupted.
d <- read.csv(file.path(work, "sweep", "table.csv"))
corrupt <- sum(!(format(unique(d$seed), scientific = FALSE) %in% expected))
ts <- fread(file.path(work, "run-csv", "timeseries.csv"))
stopifnot(all(is.na(ts[period == "year"]$quarter)), all(is.na(ts[period == "year"]$month)))
stopifnot(all(is.na(ts[period == "quarter"]$month)), !any(is.na(ts[period == "month"]$month)))
cat(sprintf("R: %d sweep rows, %d seeds exact as text (read.csv without it: %d of %d differ); %d time-series rows, NA where not applicable\n",
            nrow(t), length(expected), corrupt, length(expected), nrow(ts)))
