#!/usr/bin/python3
# Copyright the kgraph authors
# SPDX-License-Identifier: ISC
"""The claims of graphs/deepseek-v2.ttl against the table of graphs/README.md.

Usage: claims-table.py README TTL

Each kg:Claim must match a row of "The claims of the article" (or "Claims
beyond the article's words"): who asserts it, how certain, its primary
source and the article's hedge words; and each row's statements must have
their claims.  Exit 0 when they agree, 1 otherwise, 77 without rdflib.
"""
import re
import sys

try:
    import rdflib
except ImportError:
    print("SKIP: rdflib is missing (python3-rdflib)")
    sys.exit(77)

readme,ttl=sys.argv[1],sys.argv[2]
A={'Source':'SourceReport','Subject':'SubjectItself','Judgement':'ArticleJudgement','Inference':'EditorsInference'}
S={'OpenAI':'OpenAIChatGPTAnnouncement','Article':'RisingInfluenceArticle','RFA':'RFACantoneseInvestigation','StatusPage':'DeepSeekStatusPageUpdate','Liang':'LiangFundingStatement','Reports':'StockpileReports'}
t=open(readme).read()
t=t[t.index('### The claims'):t.index('### Not modelled')]
E=t.index('### Claims beyond')
spec={}
for l in t.split('\n'):
    if not re.match(r'\| E?\d+ \| ',l): continue
    c=[x.strip() for x in l.strip().strip('|').split(' | ')]
    if c[0].startswith('E'): c=[c[0],'',c[1]]+c[2:]
    num,stm,asr,cer,src=c[0],c[3],c[4].split()[0],c[5],c[6]
    hw=re.findall(r'^"([^"]+)"',c[7]); hw=hw[0] if hw else None
    only=re.findall(r'`kg:(\w+)`',c[7]) if 'only' in c[7] else None
    subj=[]
    for frag in re.findall(r'`([^`]*)`',stm):
        toks=frag.split()
        if toks[0].startswith('ds:'):
            if len(toks)==1: subj=subj+[toks[0][3:]] if subj and pend else [toks[0][3:]]; pend=True; continue
            subj=[toks[0][3:]]; toks=toks[1:]
        pend=False
        if toks and ':' in toks[0]:
            p=toks[0].split(':')[1]
            for s in subj: spec.setdefault((s,p),[]).append((num,A[asr],cer,S.get(src,src),hw if (only is None or p in only) else None))
g=rdflib.Graph(); g.parse(ttl)
KG=rdflib.Namespace('https://kgraph.example/ontology#'); P=rdflib.Namespace('http://www.w3.org/ns/prov#')
loc=lambda x: re.split('[#/]',str(x))[-1] if x is not None else None
bad=0;n=0
for c in g.subjects(rdflib.RDF.type,KG.Claim):
    n+=1
    s,p=loc(g.value(c,rdflib.RDF.subject)),loc(g.value(c,rdflib.RDF.predicate))
    h=g.value(c,KG.hedgeWording)
    got=(loc(g.value(c,KG.assertedBy)),loc(g.value(c,KG.certainty)),','.join(sorted(loc(x) for x in g.objects(c,P.hadPrimarySource))),str(h) if h is not None else None)
    exp=spec.get((s,p))
    if not exp: print('no row:',s,p,got); bad+=1; continue
    if not any(e[1:]==got for e in exp): print('row',exp[0][0],s,p,'want',exp[0][1:],'got',got); bad+=1
seen=set()
for c in g.subjects(rdflib.RDF.type,KG.Claim):
    seen.add((loc(g.value(c,rdflib.RDF.subject)),loc(g.value(c,rdflib.RDF.predicate))))
for key,rows in sorted(spec.items()):
    if key not in seen: print('row',rows[0][0],'has no claim of',key); bad+=1
print(n,'claims,',bad,'differ from the table')
sys.exit(1 if bad or not n else 0)
