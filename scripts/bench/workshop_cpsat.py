"""The workshop's batch-planning problem as an exact CP-SAT model.

Reads a problem written by `collectod bench-workshop --export` (the
scheduler's own 15-minute slots, so that both sides solve one problem) and
writes an answer that `collectod bench-workshop --compare` checks with the
same PlanCheck as the scheduler's plans:

- the exact model (CP-SAT, one worker): optional batches per recipe and day,
  each step on one piece of equipment of its type that holds the batch, steps
  in order, the whole batch inside one open stretch of the day and holding its
  cooks from its first to its last slot, produce taken from lots on days they
  are in the workshop and not spoiled, batch sizes and produce shares in whole
  grams; the objective is the grams that spoil within the horizon;
- the capacity bound (a linear relaxation, GLOP): every gram cooked costs at
  least its share of a full batch's equipment slots and cook slots on its day,
  whatever the order of batches; no plan can spoil less.
"""

import argparse
import json
import math
import sys
import time

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model


def open_stretches(slots):
    """Maximal runs of consecutive open slots, as (first, end) half-open."""
    runs = []
    for slot in sorted(slots):
        if runs and runs[-1][1] == slot:
            runs[-1][1] = slot + 1
        else:
            runs.append([slot, slot + 1])
    return [tuple(run) for run in runs]


def largest_batch(recipe, equipment):
    """The largest batch the recipe's sizes and the largest equipment of each step's type allow."""
    largest = recipe["maxBatchGrams"]
    for step in recipe["steps"]:
        fitting = [item["capacityGrams"] for item in equipment if item["type"] == step["equipmentType"]]
        largest = min(largest, max(fitting, default=0))
    return largest


def lots_by_id(problem):
    return {lot["id"]: lot for lot in problem["lots"]}


def eligible(problem, recipe, day):
    lots = lots_by_id(problem)
    return [
        lots[lot_id] for lot_id in recipe["lotIds"]
        if lot_id in lots and lots[lot_id]["grams"] > 0 and lots[lot_id]["firstDay"] <= day <= lots[lot_id]["lastDay"]
    ]


def capacity_bound(problem):
    """Spoiled grams no plan can beat: produce assigned to days, each gram costing a full batch's slots per gram."""
    started = time.monotonic()
    solver = pywraplp.Solver.CreateSolver("GLOP")
    equipment = problem["equipment"]
    usage = {}  # (lot, day) -> list of (variable, recipe)
    for day_index, day in enumerate(problem["days"]):
        if not day["openSlots"]:
            continue
        open_set = set(day["openSlots"])
        for recipe in problem["recipes"]:
            largest = largest_batch(recipe, equipment)
            if largest < recipe["minBatchGrams"]:
                continue
            for lot in eligible(problem, recipe, day_index):
                variable = solver.NumVar(0, lot["grams"], "")
                usage.setdefault((lot["id"], day_index), []).append((variable, recipe, largest))
        # Equipment slots per type, and cook slots, on this day.
        by_type = {}
        for item in equipment:
            free = len(open_set - set(item["takenSlots"][day_index]))
            by_type[item["type"]] = by_type.get(item["type"], 0) + free
        cook_slots = sum(day["freeCooks"][slot] for slot in day["openSlots"])
        terms_by_type = {kind: [] for kind in by_type}
        cook_terms = []
        for (lot_id, used_day), entries in usage.items():
            if used_day != day_index:
                continue
            for variable, recipe, largest in entries:
                most_produce = largest * recipe["maxShareThousandths"] / 1000
                for step in recipe["steps"]:
                    terms_by_type.setdefault(step["equipmentType"], []).append(variable * (step["slots"] / most_produce))
                length = sum(step["slots"] for step in recipe["steps"])
                cook_terms.append(variable * (recipe["staff"] * length / most_produce))
        for kind, terms in terms_by_type.items():
            if terms:
                solver.Add(sum(terms) <= by_type.get(kind, 0))
        if cook_terms:
            solver.Add(sum(cook_terms) <= cook_slots)
    used = {}
    for (lot_id, _), entries in usage.items():
        used.setdefault(lot_id, []).extend(variable for variable, _, _ in entries)
    for lot in problem["lots"]:
        if lot["id"] in used:
            solver.Add(sum(used[lot["id"]]) <= lot["grams"])
    spoiling = [lot for lot in problem["lots"] if lot["spoils"]]
    saved = [variable for lot in spoiling for variable in used.get(lot["id"], [])]
    solver.Maximize(sum(saved) if saved else 0)
    status = solver.Solve()
    if status != pywraplp.Solver.OPTIMAL:
        raise SystemExit("the capacity bound's linear program did not solve")
    total = sum(lot["grams"] for lot in spoiling)
    # Rounded down by a gram so that floating-point error never makes the bound too high.
    bound = max(0, math.floor(total - solver.Objective().Value()) - 1)
    return bound, time.monotonic() - started


def batch_count_limit(problem, recipe, day_index, equipment):
    """At most this many batches of the recipe fit on the day (equipment slots, cooks, produce)."""
    day = problem["days"][day_index]
    open_slots = len(day["openSlots"])
    length = sum(step["slots"] for step in recipe["steps"])
    if open_slots < length:
        return 0
    limit = (max(day["freeCooks"]) // recipe["staff"]) * (open_slots // length)
    per_type = {}
    for step in recipe["steps"]:
        per_type[step["equipmentType"]] = per_type.get(step["equipmentType"], 0) + step["slots"]
    for kind, slots in per_type.items():
        items = [item for item in equipment if item["type"] == kind and item["capacityGrams"] >= recipe["minBatchGrams"]]
        limit = min(limit, len(items) * (open_slots // slots))
    produce = sum(lot["grams"] for lot in eligible(problem, recipe, day_index))
    smallest_produce = math.ceil(recipe["minBatchGrams"] * recipe["minShareThousandths"] / 1000)
    return min(limit, produce // max(1, smallest_produce))


def exact(problem, time_limit):
    """The exact model; returns (status, seconds, spoiled, bound, batches)."""
    started = time.monotonic()
    model = cp_model.CpModel()
    equipment = problem["equipment"]
    lots = lots_by_id(problem)
    batches = []
    takes = {}  # lot id -> grams variables
    intervals_by_equipment_day = {}
    for day_index, day in enumerate(problem["days"]):
        stretches = open_stretches(day["openSlots"])
        if not stretches:
            continue
        cook_intervals, cook_demands = [], []
        most = max(day["freeCooks"])
        # Fixed intervals take the cooks that are not on shift (or already booked) in each slot.
        for slot, free in enumerate(day["freeCooks"]):
            if free < most:
                cook_intervals.append(model.NewIntervalVar(slot, 1, slot + 1, ""))
                cook_demands.append(most - free)
        for recipe in problem["recipes"]:
            count = batch_count_limit(problem, recipe, day_index, equipment)
            pool = eligible(problem, recipe, day_index)
            if count == 0 or not pool:
                continue
            length = sum(step["slots"] for step in recipe["steps"])
            previous = None
            for _ in range(count):
                present = model.NewBoolVar("")
                first = min(run[0] for run in stretches)
                last = max(run[1] for run in stretches)
                start = model.NewIntVar(first, last, "")
                end = model.NewIntVar(first, last, "")
                # The whole batch lies in one open stretch.
                choices = []
                for run_first, run_end in stretches:
                    if run_end - run_first < length:
                        continue
                    inside = model.NewBoolVar("")
                    model.Add(start >= run_first).OnlyEnforceIf(inside)
                    model.Add(end <= run_end).OnlyEnforceIf(inside)
                    choices.append(inside)
                if not choices:
                    continue
                model.Add(sum(choices) == present)
                total = model.NewIntVar(0, recipe["maxBatchGrams"], "")
                produce = model.NewIntVar(0, recipe["maxBatchGrams"], "")
                added = model.NewIntVar(0, recipe["maxBatchGrams"], "")
                model.Add(total == produce + added)
                model.Add(total >= recipe["minBatchGrams"]).OnlyEnforceIf(present)
                model.Add(total == 0).OnlyEnforceIf(present.Not())
                model.Add(1000 * produce >= recipe["minShareThousandths"] * total)
                model.Add(1000 * produce <= recipe["maxShareThousandths"] * total)
                inputs = []
                for lot in pool:
                    grams = model.NewIntVar(0, min(lot["grams"], recipe["maxBatchGrams"]), "")
                    inputs.append((lot["id"], grams))
                    takes.setdefault(lot["id"], []).append(grams)
                model.Add(produce == sum(grams for _, grams in inputs))
                step_starts, step_items = [], []
                cursor = start
                for step in recipe["steps"]:
                    step_start = model.NewIntVar(first, last, "")
                    model.Add(step_start >= cursor)
                    step_end = step_start + step["slots"]
                    choices = []
                    for item in equipment:
                        if item["type"] != step["equipmentType"] or item["capacityGrams"] < recipe["minBatchGrams"]:
                            continue
                        chosen = model.NewBoolVar("")
                        model.Add(total <= item["capacityGrams"]).OnlyEnforceIf(chosen)
                        interval = model.NewOptionalIntervalVar(step_start, step["slots"], step_end, chosen, "")
                        intervals_by_equipment_day.setdefault((item["id"], day_index), []).append(interval)
                        choices.append((item["id"], chosen))
                    model.Add(sum(chosen for _, chosen in choices) == present)
                    step_starts.append(step_start)
                    step_items.append(choices)
                    cursor = step_end
                model.Add(end == cursor)
                model.Add(start == step_starts[0])
                size = model.NewIntVar(length, last - first, "")
                model.Add(size == end - start)
                cook_intervals.append(model.NewOptionalIntervalVar(start, size, end, present, ""))
                cook_demands.append(recipe["staff"])
                # The batches of one recipe and day are interchangeable: take them in order.
                if previous is not None:
                    model.AddImplication(present, previous["present"])
                    model.Add(start >= previous["start"]).OnlyEnforceIf(present)
                batch = {
                    "recipe": recipe, "day": day_index, "present": present, "start": start, "stepStarts": step_starts,
                    "stepItems": step_items, "inputs": inputs, "added": added,
                }
                batches.append(batch)
                previous = batch
        if cook_intervals:
            model.AddCumulative(cook_intervals, cook_demands, most)
    for (item_id, day_index), intervals in intervals_by_equipment_day.items():
        item = next(item for item in equipment if item["id"] == item_id)
        for slot in item["takenSlots"][day_index]:
            intervals.append(model.NewIntervalVar(slot, 1, slot + 1, ""))
        model.AddNoOverlap(intervals)
    for lot_id, variables in takes.items():
        model.Add(sum(variables) <= lots[lot_id]["grams"])
    spoiling_total = sum(lot["grams"] for lot in problem["lots"] if lot["spoils"])
    saved = [grams for lot_id, variables in takes.items() if lots[lot_id]["spoils"] for grams in variables]
    model.Minimize(spoiling_total - sum(saved))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = time_limit
    status = solver.Solve(model)
    seconds = time.monotonic() - started
    names = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible", cp_model.INFEASIBLE: "infeasible"}
    name = names.get(status, "unknown")
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return name, seconds, None, int(solver.BestObjectiveBound()), []
    answer = []
    for batch in batches:
        if not solver.Value(batch["present"]):
            continue
        items = [next(item_id for item_id, chosen in choices if solver.Value(chosen)) for choices in batch["stepItems"]]
        inputs = [{"lotId": lot_id, "grams": solver.Value(grams)} for lot_id, grams in batch["inputs"] if solver.Value(grams) > 0]
        answer.append({
            "recipeId": batch["recipe"]["id"], "day": batch["day"],
            "stepStartSlots": [solver.Value(start) for start in batch["stepStarts"]], "equipmentIds": items,
            "inputs": inputs, "addedGrams": solver.Value(batch["added"]),
        })
    return name, seconds, int(round(solver.ObjectiveValue())), math.ceil(solver.BestObjectiveBound() - 1e-6), answer


def main():
    parser = argparse.ArgumentParser(description="Solve a workshop planning problem exactly with CP-SAT, and bound it.")
    parser.add_argument("problem", help="the problem, from collectod bench-workshop --export")
    parser.add_argument("answer", help="where to write the answer, for collectod bench-workshop --compare")
    parser.add_argument("--bound-only", action="store_true", help="only the capacity bound, no exact model")
    parser.add_argument("--time-limit", type=float, default=300, help="seconds CP-SAT may search (default 300)")
    arguments = parser.parse_args()
    with open(arguments.problem) as file:
        problem = json.load(file)
    bound, bound_seconds = capacity_bound(problem)
    answer = {"status": "skipped", "seconds": 0.0, "capacityBoundGrams": bound, "capacityBoundSeconds": bound_seconds, "batches": []}
    if not arguments.bound_only:
        status, seconds, spoiled, proved, batches = exact(problem, arguments.time_limit)
        answer.update(status=status, seconds=seconds, provedBoundGrams=proved, batches=batches)
        if spoiled is not None:
            answer["spoiledGrams"] = spoiled
    with open(arguments.answer, "w") as file:
        json.dump(answer, file)


if __name__ == "__main__":
    main()
