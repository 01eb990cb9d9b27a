"""CPU seconds per thread of a process tree (Linux /proc): `thread-cpu.py OUT.json ROOT_PID`.
For `VIGIE_THREAD_CPU=tests/bench/thread-cpu.py npm run bench:series`; compare two snapshots with
`python3 tests/bench/thread-cpu.py --diff A.json B.json` (the series bench writes /tmp/cpu-start.json,
/tmp/cpu-burst.json and /tmp/cpu-end.json). Threads are keyed process:pid:type:thread-name."""
import os,sys,json
if sys.argv[1] == '--diff':
    a=json.load(open(sys.argv[2])); b=json.load(open(sys.argv[3]))
    for d,k in sorted(((b[k]-a.get(k,0),k) for k in b), reverse=True):
        if d>0.05: print(f'{d:8.2f} {k}')
    sys.exit(0)
root=sys.argv[2]
def ppid(p):
    try:
        for line in open(f'/proc/{p}/status'):
            if line.startswith('PPid:'): return line.split()[1]
    except Exception: return None
def under(p):
    seen=0
    while p and p!='0' and seen<50:
        if p==root: return True
        p=ppid(p); seen+=1
    return False
out={}
for pid in os.listdir('/proc'):
    if not pid.isdigit() or not under(pid): continue
    try:
        comm=open(f'/proc/{pid}/comm').read().strip()
        cmd=open(f'/proc/{pid}/cmdline').read().replace('\0',' ')
        kind=''
        for k in ('--type=renderer','--type=gpu-process','--type=utility','--type=zygote'):
            if k in cmd: kind=k[7:]
        for tid in os.listdir(f'/proc/{pid}/task'):
            st=open(f'/proc/{pid}/task/{tid}/stat').read()
            name=st[st.index('(')+1:st.rindex(')')]
            f=st[st.rindex(')')+2:].split()
            cpu=(int(f[11])+int(f[12]))/100
            key=f'{comm}:{pid}:{kind}:{name}'
            out[key]=out.get(key,0)+cpu
    except Exception: pass
json.dump(out,open(sys.argv[1],'w'))
