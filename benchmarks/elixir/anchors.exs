# Elixir/OTP GenServer anchors for the GenServer-for-Java benchmark report.
#
#   elixir anchors.exs            # 3 rounds per workload, median quoted
#   elixir anchors.exs --smoke    # 1 round, smaller counts: checks the plumbing only
#
# Output (stdout): one `key=value` line per figure, nothing else. Keys `wN_case` are results in
# the report's units (µs per call/start/restart, calls or casts per second, bytes per process) and
# use the same names as the JMH benchmark methods (`w1_platformCaller` -> row "W1 platformCaller").
# Other keys are metadata. Progress goes to stderr.
#
# Every loop lives in a module: code at the top level of an .exs file is interpreted, not compiled.

defmodule Anchors.Counter do
  @moduledoc false
  use GenServer

  @impl true
  def init(n), do: {:ok, n}

  @impl true
  def handle_call(:increment, _from, n), do: {:reply, n + 1, n + 1}
  def handle_call(:get, _from, n), do: {:reply, n, n}

  @impl true
  def handle_cast(:increment, n), do: {:noreply, n + 1}
end

defmodule Anchors.Idle do
  @moduledoc false
  use GenServer

  @impl true
  def init(:ok), do: {:ok, nil}

  @impl true
  def handle_call(:ping, _from, s), do: {:reply, :pong, s}
end

defmodule Anchors.Keyed do
  @moduledoc false
  # W11's keyed server: a counter started under a DynamicSupervisor and named through a Registry.
  use GenServer

  def start_link(name), do: GenServer.start_link(__MODULE__, 0, name: name)

  @impl true
  def init(n), do: {:ok, n}

  @impl true
  def handle_call(:increment, _from, n), do: {:reply, n + 1, n + 1}
end

defmodule Anchors do
  @moduledoc false

  @w7_name :anchors_w7

  def main(argv) do
    smoke = "--smoke" in argv

    cfg =
      if smoke do
        %{rounds: 1, w1: 100_000, w2: 50_000, w3: 200_000, w4: 50_000, w5: 20_000, w7: 200,
          w10: 300, w11: 10_000}
      else
        %{rounds: 3, w1: 500_000, w2: 200_000, w3: 1_000_000, w4: 400_000, w5: 100_000, w7: 2_000,
          w10: 2_000, w11: 100_000}
      end

    out("elixir_version", System.version())
    out("otp_release", System.otp_release())
    out("schedulers", :erlang.system_info(:schedulers_online))
    out("rounds", cfg.rounds)
    out("profile", if(smoke, do: "smoke", else: "quick"))

    measure("w1_platformCaller", cfg.rounds, fn -> w1(cfg.w1) end)
    measure("w2_callers2", cfg.rounds, fn -> w2(2, cfg.w2) end)
    measure("w2_callers8", cfg.rounds, fn -> w2(8, div(cfg.w2, 4)) end)
    measure("w3_cast", cfg.rounds, fn -> w3(cfg.w3) end)
    measure("w4_fanout", cfg.rounds, fn -> w4(10_000, 8, div(cfg.w4, 8)) end)
    measure("w5_start", cfg.rounds, fn -> w5(cfg.w5) end)
    measure("w6_idle1k", cfg.rounds, fn -> w6(1_000) end)
    measure("w6_idle100k", cfg.rounds, fn -> w6(100_000) end)
    measure("w7_restart", cfg.rounds, fn -> w7(cfg.w7) end)
    measure_all(["w10_sparse", "w10_sparseP99"], cfg.rounds, fn -> w10(cfg.w10) end)
    measure_all(["w11_activation", "w11_keyedHeap"], cfg.rounds, fn -> w11(cfg.w11) end)
  end

  # -- plumbing -------------------------------------------------------------------------------

  defp out(key, value), do: IO.puts("#{key}=#{value}")

  defp measure(key, rounds, fun) do
    values = for _ <- 1..rounds, do: fun.()
    med = median(values)
    IO.puts(:stderr, "elixir #{key}: #{Enum.map_join(values, " ", &fmt/1)} -> median #{fmt(med)}")
    out("rounds." <> key, Enum.map_join(values, ",", &fmt/1))
    out(key, fmt(med))
  end

  # A workload that yields several figures per round (a list, in the order of `keys`).
  defp measure_all(keys, rounds, fun) do
    per_round = for _ <- 1..rounds, do: fun.()

    keys
    |> Enum.with_index()
    |> Enum.each(fn {key, i} ->
      values = Enum.map(per_round, &Enum.at(&1, i))
      med = median(values)
      IO.puts(:stderr, "elixir #{key}: #{Enum.map_join(values, " ", &fmt/1)} -> median #{fmt(med)}")
      out("rounds." <> key, Enum.map_join(values, ",", &fmt/1))
      out(key, fmt(med))
    end)
  end

  # The p-th percentile (0 < p <= 100) of a list of numbers, nearest rank.
  defp percentile(values, p) do
    sorted = Enum.sort(values)
    rank = max(1, ceil(p / 100 * length(sorted)))
    Enum.at(sorted, rank - 1) * 1.0
  end

  defp fmt(x) when is_float(x), do: :erlang.float_to_binary(x, [{:decimals, 4}, :compact])
  defp fmt(x), do: to_string(x)

  defp median(values) do
    sorted = Enum.sort(values)
    n = length(sorted)

    if rem(n, 2) == 1,
      do: Enum.at(sorted, div(n, 2)) * 1.0,
      else: (Enum.at(sorted, div(n, 2) - 1) + Enum.at(sorted, div(n, 2))) / 2
  end

  defp now, do: :erlang.monotonic_time(:nanosecond)

  defp timed(fun) do
    t0 = now()
    result = fun.()
    {now() - t0, result}
  end

  defp call_loop(_pid, 0), do: :ok

  defp call_loop(pid, n) do
    GenServer.call(pid, :increment)
    call_loop(pid, n - 1)
  end

  defp cast_loop(_pid, 0), do: :ok

  defp cast_loop(pid, n) do
    GenServer.cast(pid, :increment)
    cast_loop(pid, n - 1)
  end

  defp start_idle(0, acc), do: acc

  defp start_idle(n, acc) do
    {:ok, pid} = GenServer.start(Anchors.Idle, :ok)
    start_idle(n - 1, [pid | acc])
  end

  defp kill_all(pids) do
    refs = for pid <- pids, do: {Process.monitor(pid), Process.exit(pid, :kill)}
    for {ref, _} <- refs, do: receive(do: ({:DOWN, ^ref, :process, _, _} -> :ok))
    :ok
  end

  # -- workloads ------------------------------------------------------------------------------

  # W1: µs per GenServer.call round trip, one caller, sequential, after a warm-up.
  defp w1(calls) do
    {:ok, pid} = GenServer.start(Anchors.Counter, 0)
    call_loop(pid, div(calls, 5))
    {ns, :ok} = timed(fn -> call_loop(pid, calls) end)
    GenServer.stop(pid)
    ns / 1000 / calls
  end

  # W2: total calls/s of `callers` processes calling one server at once.
  defp w2(callers, calls_each) do
    {:ok, pid} = GenServer.start(Anchors.Counter, 0)
    call_loop(pid, 20_000)
    parent = self()

    {ns, _} =
      timed(fn ->
        for _ <- 1..callers do
          spawn_link(fn ->
            call_loop(pid, calls_each)
            send(parent, :done)
          end)
        end

        for _ <- 1..callers, do: receive(do: (:done -> :ok))
      end)

    GenServer.stop(pid)
    callers * calls_each / (ns / 1.0e9)
  end

  # W3: casts/s: `casts` casts from one sender, then one call that returns when all are handled.
  defp w3(casts) do
    {:ok, pid} = GenServer.start(Anchors.Counter, 0)
    cast_loop(pid, 10_000)
    GenServer.call(pid, :get)

    {ns, _} =
      timed(fn ->
        cast_loop(pid, casts)
        GenServer.call(pid, :get, :infinity)
      end)

    GenServer.stop(pid)
    casts / (ns / 1.0e9)
  end

  # W4: fan-out: total calls/s of `callers` processes, each calling a server picked at random among
  # `servers` counters, `calls_each` times.
  defp w4(servers, callers, calls_each) do
    pids = start_counters(servers, [])
    targets = List.to_tuple(pids)
    parent = self()

    {ns, _} =
      timed(fn ->
        for _ <- 1..callers do
          spawn_link(fn ->
            random_call_loop(targets, servers, calls_each)
            send(parent, :done)
          end)
        end

        for _ <- 1..callers, do: receive(do: (:done -> :ok))
      end)

    kill_all(pids)
    callers * calls_each / (ns / 1.0e9)
  end

  defp start_counters(0, acc), do: acc

  defp start_counters(n, acc) do
    {:ok, pid} = GenServer.start(Anchors.Counter, 0)
    start_counters(n - 1, [pid | acc])
  end

  defp random_call_loop(_targets, _n, 0), do: :ok

  defp random_call_loop(targets, n, left) do
    GenServer.call(elem(targets, :rand.uniform(n) - 1), :increment)
    random_call_loop(targets, n, left - 1)
  end

  # W10: sparse call: one caller calls, then sleeps 1 ms (Process.sleep(1)) so that both sides go
  # idle; [p50, p99] in µs over `calls` calls timed one by one, after a warm-up of a tenth as many.
  defp w10(calls) do
    {:ok, pid} = GenServer.start(Anchors.Counter, 0)
    sparse_loop(pid, div(calls, 10), [])
    samples = sparse_loop(pid, calls, [])
    GenServer.stop(pid)
    [percentile(samples, 50) / 1000, percentile(samples, 99) / 1000]
  end

  defp sparse_loop(_pid, 0, acc), do: acc

  defp sparse_loop(pid, n, acc) do
    Process.sleep(1)
    t0 = now()
    GenServer.call(pid, :increment)
    sparse_loop(pid, n - 1, [now() - t0 | acc])
  end

  # W11: keyed activation, Elixir's idiom: a Registry (unique keys) and a DynamicSupervisor; for each
  # of `keys` new keys, look it up (a miss), start its server under the supervisor with a
  # {:via, Registry, ...} name, then make the first call through that name. [µs per activation,
  # bytes per keyed server (:erlang.memory(:total) delta, registry and supervisor entries included)].
  defp w11(keys) do
    {:ok, reg} = Registry.start_link(keys: :unique, name: :anchors_w11_registry)
    {:ok, sup} = DynamicSupervisor.start_link(strategy: :one_for_one)
    activate_loop(sup, 0, 1_000)
    :erlang.garbage_collect()
    before = :erlang.memory(:total)
    {ns, :ok} = timed(fn -> activate_loop(sup, 1_000, 1_000 + keys) end)
    :erlang.garbage_collect()
    after_start = :erlang.memory(:total)
    DynamicSupervisor.stop(sup)
    Supervisor.stop(reg)
    [ns / 1000 / keys, (after_start - before) / keys]
  end

  defp activate_loop(_sup, last, last), do: :ok

  defp activate_loop(sup, key, last) do
    name = {:via, Registry, {:anchors_w11_registry, key}}

    case Registry.lookup(:anchors_w11_registry, key) do
      [] -> {:ok, _} = DynamicSupervisor.start_child(sup, {Anchors.Keyed, name})
      [_] -> :ok
    end

    1 = GenServer.call(name, :increment)
    activate_loop(sup, key + 1, last)
  end

  # W5: µs per GenServer.start of an idle server (start returns after init).
  defp w5(n) do
    kill_all(start_idle(1_000, []))
    {ns, pids} = timed(fn -> start_idle(n, []) end)
    kill_all(pids)
    ns / 1000 / n
  end

  # W6: bytes per idle server: :erlang.memory(:total) delta around starting n idle servers.
  # (The list holding the pids, 16 bytes per server, is included.)
  defp w6(n) do
    kill_all(start_idle(1_000, []))
    :erlang.garbage_collect()
    before = :erlang.memory(:total)
    pids = start_idle(n, [])
    :erlang.garbage_collect()
    after_start = :erlang.memory(:total)
    kill_all(pids)
    (after_start - before) / n
  end

  # W7: µs from Process.exit(child, :kill) until the child, restarted by its Supervisor, answers a
  # call again; median of `kills` samples.
  defp w7(kills) do
    children = [
      %{id: :w7, start: {GenServer, :start_link, [Anchors.Idle, :ok, [name: @w7_name]]}}
    ]

    {:ok, sup} =
      Supervisor.start_link(children,
        strategy: :one_for_one,
        max_restarts: 1_000_000_000,
        max_seconds: 1
      )

    :pong = GenServer.call(@w7_name, :ping)

    samples =
      for _ <- 1..kills do
        old = Process.whereis(@w7_name)
        t0 = now()
        Process.exit(old, :kill)
        wait_restarted(old)
        now() - t0
      end

    Supervisor.stop(sup)
    median(samples) / 1000
  end

  defp wait_restarted(old) do
    case Process.whereis(@w7_name) do
      nil ->
        wait_restarted(old)

      ^old ->
        wait_restarted(old)

      _new ->
        try do
          GenServer.call(@w7_name, :ping)
        catch
          :exit, _ -> wait_restarted(old)
        end
    end
  end
end

Anchors.main(System.argv())
